package fi.ips.support.relay;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay's processor is woken by new events in the store, as long as its stream is open. */
class WakeOnCommitTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final WakeOnCommit source = new WakeOnCommit(store);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void aNewEventWakesTheProcessorWhichThenFindsIt() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        Semaphore woken = new Semaphore(0);
        assertThat(stream.setOnAvailableCallback(woken::release)).isTrue();
        assertThat(woken.tryAcquire(10, TimeUnit.SECONDS)).as("the first look, once the watch has begun").isTrue();
        assertThat(stream.hasNextAvailable()).isFalse();

        store.publish(GenericEventMessage.asEventMessage("referred"));

        assertThat(woken.tryAcquire(10, TimeUnit.SECONDS)).as("woken").isTrue();
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("referred");
        stream.close();
    }

    @Test
    void aClosedStreamIsNoLongerWoken() throws Exception {
        AtomicInteger closedWoken = new AtomicInteger();
        AtomicInteger openWoken = new AtomicInteger();
        BlockingStream<TrackedEventMessage<?>> closed = source.openStream(null);
        closed.setOnAvailableCallback(closedWoken::incrementAndGet);
        BlockingStream<TrackedEventMessage<?>> open = source.openStream(null);
        open.setOnAvailableCallback(openWoken::incrementAndGet);

        closed.close();
        // A wake-up under way as it closed may still reach it; any that begins after that one may not.
        publishAndAwait("referred", openWoken);
        publishAndAwait("signed", openWoken);
        int beforeLast = closedWoken.get();
        publishAndAwait("ended", openWoken);

        assertThat(closedWoken).hasValue(beforeLast);
        open.close();
    }

    private void publishAndAwait(String payload, AtomicInteger woken) throws InterruptedException {
        int before = woken.get();
        store.publish(GenericEventMessage.asEventMessage(payload));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (woken.get() == before && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(woken.get()).as("woken by " + payload).isGreaterThan(before);
    }
}
