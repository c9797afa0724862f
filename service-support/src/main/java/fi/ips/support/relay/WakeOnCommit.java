package fi.ips.support.relay;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The relay's source of events – the event store – waking the relay's processor as soon as new
 * events are in the store's stream. Told of nothing, Axon's pooled processor, once caught up on a
 * database event store, looks for new events every 500 ms: up to half a second of an event's way
 * to Kafka and on to the dashboards, a quarter on average. A thread of its own here follows the
 * store's stream – which the store wakes at each of this instance's commits, and which finds other
 * instances' events within the store's fetch delay ({@code AxonJdbcAutoConfiguration}) – and wakes
 * the processor at each arrival; told that it will be woken, the processor itself looks only at
 * its claim interval (5 s).
 */
final class WakeOnCommit implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(WakeOnCommit.class);
    /**
     * How long a wake-up waits for more events to arrive with the first: each wake-up is a batch of
     * the relay's, with its own wait for Kafka and its own token update, and one per event would
     * multiply those under load.
     */
    private static final Duration GATHER = Duration.ofMillis(20);

    private final EventStore events;
    /** The processor's own "events are available" callbacks, one per open stream. */
    private final Set<Runnable> waiting = ConcurrentHashMap.newKeySet();
    /** Runs while a callback waits: from the processor's first stream until it closes its last (it stops). */
    private Thread watcher;

    WakeOnCommit(EventStore events) {
        this.events = events;
    }

    private synchronized void watchWhileWaited() {
        if (watcher == null) {
            watcher = new Thread(this::watch, "relay-wake");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private synchronized boolean stillWaited() {
        if (waiting.isEmpty()) {
            watcher = null;
            return false;
        }
        return true;
    }

    /** Follows the store's stream from its head; after each arrival of events, wakes the waiting processor. */
    private void watch() {
        BlockingStream<TrackedEventMessage<?>> stream = null;
        try {
            while (stillWaited()) {
                try {
                    if (stream == null) {
                        stream = events.openStream(events.createHeadToken());
                        // Whatever arrived before the head was taken: the processor looks once.
                        waiting.forEach(Runnable::run);
                    }
                    if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        Thread.sleep(GATHER.toMillis());
                        while (stream.hasNextAvailable()) {
                            stream.nextAvailable();
                        }
                        waiting.forEach(Runnable::run);
                    }
                } catch (RuntimeException e) {
                    // The database away, say: the processor's own look at its claim interval carries on meanwhile.
                    log.debug("Relay wake-ups pause: {}", e.toString());
                    if (stream != null) {
                        stream.close();
                        stream = null;
                    }
                    Thread.sleep(1_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (stream != null) {
                stream.close();
            }
            synchronized (this) {
                if (watcher == Thread.currentThread()) {
                    watcher = null;
                }
            }
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new Stream(events.openStream(token));
    }

    @Override
    public TrackingToken createTailToken() {
        return events.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return events.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return events.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return events.createTokenSince(duration);
    }

    private final class Stream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private volatile Runnable callback;

        Stream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        /** Kept to be called on new events (unless the store's own stream can call it). */
        @Override
        public boolean setOnAvailableCallback(Runnable available) {
            if (stream.setOnAvailableCallback(available)) {
                return true;
            }
            Runnable previous = callback;
            if (previous != null) {
                waiting.remove(previous);
            }
            callback = available;
            waiting.add(available);
            watchWhileWaited();
            return true;
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                waiting.remove(registered);
            }
            stream.close();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }
    }
}
