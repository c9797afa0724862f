package fi.ips.process;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ParentWatchTest {

    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private final CompletableFuture<Integer> halted = new CompletableFuture<>();
    /** Shutdown hooks that never finish, as when they wait for a database that went with the launcher. */
    private final CountDownLatch hooksNeverEnd = new CountDownLatch(1);

    @Test
    void whenTheParentEndsTheProcessExitsAndHaltsIfItsHooksHangPastTheGrace() throws Exception {
        Process parent = new ProcessBuilder("sleep", "60").start();
        ParentWatch.watch(parent.pid(), Duration.ofMillis(300), this::exitHanging, halted::complete);

        Thread.sleep(500);
        assertThat(exited).as("no exit while the parent lives").isNotDone();
        assertThat(halted).isNotDone();

        parent.destroyForcibly().waitFor();
        assertThat(exited.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(halted.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        hooksNeverEnd.countDown();
    }

    @Test
    void aParentAlreadyGoneEndsTheProcessAtOnce() throws Exception {
        Process parent = new ProcessBuilder("true").start();
        parent.waitFor();
        ParentWatch.watch(parent.pid(), Duration.ofMinutes(1), exited::complete, halted::complete);

        assertThat(exited.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(halted).as("not before the grace").isNotDone();
    }

    private void exitHanging(int status) {
        exited.complete(status);
        try {
            hooksNeverEnd.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
