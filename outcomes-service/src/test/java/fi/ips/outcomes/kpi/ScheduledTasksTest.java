package fi.ips.outcomes.kpi;

import fi.ips.outcomes.OutcomesServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.TaskScheduler;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The live announcements run every 250 ms beside the metrics' refresh, which may take seconds (its first reads every client). */
@OutcomesServiceTest
class ScheduledTasksTest {

    @Autowired
    TaskScheduler scheduler;

    @Test
    void aLongTaskDoesNotHoldUpTheOthers() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.schedule(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Instant.now());
        scheduler.schedule(ran::countDown, Instant.now().plusMillis(100));

        try {
            assertThat(ran.await(5, TimeUnit.SECONDS)).as("the second task ran while the first was busy").isTrue();
        } finally {
            release.countDown();
        }
    }
}
