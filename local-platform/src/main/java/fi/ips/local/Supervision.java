package fi.ips.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Starts a process of the platform again when it ends without the platform asking (a crash, the
 * kernel's out-of-memory killer) and says so: otherwise the gateway would answer 503 for that
 * service with nothing to tell why. Much like the deployments' {@code restart: unless-stopped},
 * except that a process ending more than {@value #MAX_ENDS} times within ten minutes is left down
 * with the end of its log, and that an end by a signal asking it to stop is not undone: SIGINT
 * (exit code 130, Ctrl-C, quietly) and SIGTERM (143, named).
 */
final class Supervision {

    static final int MAX_ENDS = 3;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final Map<String, Deque<Long>> ends = new HashMap<>();
    private final List<String> unexpected = new ArrayList<>();
    private final Set<Thread> restarting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Supervision(PrintStream out) {
        this(out, System::nanoTime);
    }

    Supervision(PrintStream out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
    }

    /**
     * Watches {@code child}: if it ends unasked, {@code restart} runs on a thread of its own. (The
     * end is noticed on the common pool's threads, which nothing here blocks.)
     *
     * @return completes once the end has been handled (the restart itself may still run)
     */
    CompletableFuture<Void> watch(ChildProcess child, Runnable restart) {
        return child.onEnd(code -> {
            if (closed || child.endAsked() || code == 130) {
                return;
            }
            if (code == 143) {
                record(child.name(), code);
                out.printf("%s was stopped from outside the platform (SIGTERM); not starting it again. Its log: %s%n",
                        child.name(), child.logFile());
                return;
            }
            int recent = recordEnd(child.name(), code);
            if (recent > MAX_ENDS) {
                out.printf("%s ended unexpectedly (exit code %d), %d times within %d minutes: not starting it again. Its log: %s%n",
                        child.name(), code, recent, WINDOW.toMinutes(), child.logFile());
                child.printLogTail(out, 20);
                return;
            }
            out.printf("%s ended unexpectedly (exit code %d); starting it again. Its log: %s%n", child.name(), code, child.logFile());
            Thread thread = new Thread(() -> {
                try {
                    restart.run();
                } catch (RuntimeException e) {
                    if (!closed) {
                        out.printf("%s did not start again: %s%n", child.name(), e.getMessage());
                        if (e instanceof ChildProcess.StartupFailedException failed) {
                            failed.child().printLogTail(out, 20);
                        }
                    }
                } finally {
                    restarting.remove(Thread.currentThread());
                }
            }, "restart-" + child.name());
            thread.setDaemon(true);
            restarting.add(thread);
            thread.start();
        });
    }

    boolean closed() {
        return closed;
    }

    /** No more restarts: the platform is stopping. A restart waiting for its process to be ready stops waiting. */
    void close() {
        closed = true;
        restarting.forEach(Thread::interrupt);
    }

    /**
     * Every end the platform did not ask for so far (a SIGTERM from outside included, Ctrl-C's SIGINT
     * not), as "name (exit code N)", e.g. for a benchmark to tell that its figures include one.
     */
    synchronized List<String> unexpectedEnds() {
        return List.copyOf(unexpected);
    }

    private synchronized void record(String name, int code) {
        unexpected.add(name + " (exit code " + code + ")");
    }

    /** @return how many times {@code name} has ended within the window, this end included */
    private synchronized int recordEnd(String name, int code) {
        record(name, code);
        Deque<Long> times = ends.computeIfAbsent(name, n -> new ArrayDeque<>());
        long now = nanoTime.getAsLong();
        while (!times.isEmpty() && now - times.peekFirst() > WINDOW.toNanos()) {
            times.removeFirst();
        }
        times.addLast(now);
        return times.size();
    }
}
