package fi.ips.process;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/**
 * The local platform's processes end with the launcher that started them ({@code -Dips.parent-pid}),
 * even when it was killed without a chance to stop them: no process is left holding a port. The
 * exit runs the shutdown hooks; a process whose hooks have not finished within {@link #GRACE} halts.
 * Hooks can wait long when the launcher's database and broker went with it (a connection pool's
 * 30 s wait for every statement of a clean stop).
 */
public final class ParentWatch {

    public static final String PROPERTY = "ips.parent-pid";
    static final Duration GRACE = Duration.ofSeconds(15);

    private ParentWatch() {
    }

    /** Exits when the process {@code parentPid} has ended (at once if it has already). */
    public static void exitWithParent(String parentPid) {
        watch(Long.parseLong(parentPid), GRACE, System::exit, Runtime.getRuntime()::halt);
    }

    /** {@link #exitWithParent} with the launcher's pid from the system property, if it is set. */
    public static void exitWithParent() {
        String pid = System.getProperty(PROPERTY);
        if (pid != null) {
            exitWithParent(pid);
        }
    }

    static void watch(long parentPid, Duration grace, IntConsumer exit, IntConsumer halt) {
        CompletableFuture<?> ended = ProcessHandle.of(parentPid).map(ProcessHandle::onExit)
                .orElseGet(() -> CompletableFuture.completedFuture(null));
        ended.thenRun(() -> {
            // A daemon thread keeps running while the shutdown hooks do, and ends with them.
            Thread deadline = new Thread(() -> {
                try {
                    Thread.sleep(grace.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                halt.accept(1);
            }, "halt-after-parent");
            deadline.setDaemon(true);
            deadline.start();
            exit.accept(0);
        });
    }
}
