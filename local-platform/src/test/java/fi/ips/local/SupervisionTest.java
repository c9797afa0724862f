package fi.ips.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A process that ends unasked is started again and named; one the platform ended, or that keeps ending, is not. */
class SupervisionTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final Supervision supervision = new Supervision(new PrintStream(printed, true, StandardCharsets.UTF_8));
    private final AtomicInteger restarts = new AtomicInteger();
    private final CountDownLatch restarted = new CountDownLatch(1);
    private final Runnable restart = () -> {
        restarts.incrementAndGet();
        restarted.countDown();
    };

    @TempDir
    Path logs;

    @Test
    void aProcessKilledFromOutsideIsStartedAgainAndNamed() throws Exception {
        ChildProcess child = start("sleep", "60");
        var handled = supervision.watch(child, restart);

        ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly();

        assertThat(restarted.await(10, TimeUnit.SECONDS)).as("restarted").isTrue();
        handled.join();
        assertThat(printed()).contains("service ended unexpectedly (exit code 137); starting it again. Its log: " + child.logFile());
        assertThat(supervision.unexpectedEnds()).containsExactly("service (exit code 137)");
    }

    @Test
    void aProcessThePlatformKilledOrStoppedIsNotStartedAgain() {
        ChildProcess killed = start("sleep", "60");
        // Ends with 1 on SIGTERM: not let off by the rule for a stop asked from outside (143).
        ChildProcess stopped = start("sh", "-c", "trap 'exit 1' TERM; while :; do sleep 0.1; done");
        var killedHandled = supervision.watch(killed, restart);
        var stoppedHandled = supervision.watch(stopped, restart);

        killed.kill();
        stopped.stop();

        killedHandled.join();
        stoppedHandled.join();
        assertThat(restarts).hasValue(0);
        assertThat(printed()).isEmpty();
        assertThat(supervision.unexpectedEnds()).isEmpty();
    }

    @Test
    void anEndBySigintOrSigtermIsAStopAskedFromOutsideSigtermNamed() {
        for (String code : List.of("130", "143")) {
            supervision.watch(start("sh", "-c", "exit " + code), restart).join();
        }
        assertThat(restarts).hasValue(0);
        assertThat(supervision.unexpectedEnds()).as("Ctrl-C's end is no news; one from outside is").containsExactly("service (exit code 143)");
        assertThat(printed()).isEqualTo("service was stopped from outside the platform (SIGTERM); not starting it again. Its log: "
                + logs.resolve("service.log") + System.lineSeparator());
    }

    @Test
    void aProcessThatEndsAFourthTimeWithinTenMinutesIsLeftDown() throws Exception {
        for (int i = 0; i < Supervision.MAX_ENDS + 1; i++) {
            supervision.watch(start("sh", "-c", "echo cannot open the database; exit 1"), restart).join();
        }
        assertThat(printed()).contains("service ended unexpectedly (exit code 1), 4 times within 10 minutes: not starting it again")
                .contains("cannot open the database");
        assertThat(printed().split("; starting it again", -1)).as("restarts announced").hasSize(Supervision.MAX_ENDS + 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (restarts.get() < Supervision.MAX_ENDS && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(restarts).as("restarts run on threads of their own").hasValue(Supervision.MAX_ENDS);
    }

    @Test
    void endsOlderThanTenMinutesDoNotCount() {
        long[] now = {0};
        Supervision timed = new Supervision(new PrintStream(printed, true, StandardCharsets.UTF_8), () -> now[0]);
        for (int i = 0; i < 2 * Supervision.MAX_ENDS; i++) {
            timed.watch(start("sh", "-c", "exit 1"), () -> { }).join();
            now[0] += Supervision.WINDOW.toNanos() / Supervision.MAX_ENDS + 1;
        }
        assertThat(printed()).doesNotContain("not starting it again");
        assertThat(timed.unexpectedEnds()).hasSize(2 * Supervision.MAX_ENDS);
    }

    @Test
    void nothingIsStartedAgainOnceThePlatformStops() {
        ChildProcess child = start("sh", "-c", "exit 1");
        supervision.close();

        supervision.watch(child, restart).join();

        assertThat(restarts).hasValue(0);
        assertThat(printed()).isEmpty();
    }

    private ChildProcess start(String... command) {
        return ChildProcess.start("service", 0, List.of(command), logs);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
