package fi.ips.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Starts a process of the platform again when it ends without the platform asking (a crash, the
 * kernel's out-of-memory killer), as the deployments' {@code restart: unless-stopped} does, and
 * says so: otherwise the gateway would answer 503 for that service with nothing to tell why. A
 * process that keeps ending is left down after {@value #MAX_ENDS} ends within ten minutes. An end
 * by SIGINT or SIGTERM (exit codes 130, 143) is a stop asked from outside, e.g. Ctrl-C, and is
 * not undone.
 */
final class Supervision {

    static final int MAX_ENDS = 3;
    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final PrintStream out;
    private final Map<String, Deque<Long>> ends = new HashMap<>();
    private final List<String> unasked = new ArrayList<>();
    private volatile boolean closed;

    Supervision(PrintStream out) {
        this.out = out;
    }

    /**
     * Watches {@code child}: if it ends unasked, {@code restart} runs on a thread of its own.
     *
     * @return completes once the end has been handled (the restart itself may still run)
     */
    CompletableFuture<Void> watch(ChildProcess child, Runnable restart) {
        return child.onEnd(code -> {
            if (closed || child.endAsked() || code == 130 || code == 143) {
                return;
            }
            if (recordEnd(child.name(), code)) {
                out.printf("%s ended unexpectedly (exit code %d), %d times within %d minutes: not starting it again. Its log: %s%n",
                        child.name(), code, MAX_ENDS + 1, WINDOW.toMinutes(), child.logFile());
                child.printLogTail(out, 20);
                return;
            }
            out.printf("%s ended unexpectedly (exit code %d); starting it again. Its log: %s%n", child.name(), code, child.logFile());
            Thread restarting = new Thread(() -> {
                try {
                    restart.run();
                } catch (RuntimeException e) {
                    if (!closed) {
                        out.printf("%s did not start again: %s%n", child.name(), e.getMessage());
                        if (e instanceof ChildProcess.StartupFailedException failed) {
                            failed.child().printLogTail(out, 20);
                        }
                    }
                }
            }, "restart-" + child.name());
            restarting.setDaemon(true);
            restarting.start();
        });
    }

    /** No more restarts: the platform is stopping. */
    void close() {
        closed = true;
    }

    /** Every end not asked for so far, as "name (exit code N)", e.g. for a benchmark to tell that its figures include one. */
    synchronized List<String> unaskedEnds() {
        return List.copyOf(unasked);
    }

    /** @return whether {@code name} has now ended more than {@value #MAX_ENDS} times within the window */
    private synchronized boolean recordEnd(String name, int code) {
        unasked.add(name + " (exit code " + code + ")");
        Deque<Long> times = ends.computeIfAbsent(name, n -> new ArrayDeque<>());
        long now = System.nanoTime();
        while (!times.isEmpty() && now - times.peekFirst() > WINDOW.toNanos()) {
            times.removeFirst();
        }
        times.addLast(now);
        return times.size() > MAX_ENDS;
    }
}
