package fi.ips.support.eventstore;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store looks for new events when the transaction that stored them has completed, once
 * however many units of work committed in it (a batch's items), and at once outside a transaction.
 */
class WakeAfterTransactionTest {

    private final Object store = new Object();
    private final AtomicInteger looks = new AtomicInteger();
    private final TransactionTemplate transaction = new TransactionTemplate(new NoResources());

    /**
     * The store itself, with a fetch delay far beyond the test: a batch's units of work make it look
     * at nothing while the transaction lasts, and its commit makes it look at once.
     */
    @Test
    void theStoreLooksForABatchsEventsWhenItsTransactionCommits() throws InterruptedException {
        AtomicInteger producerReads = new AtomicInteger();
        InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine() {
            @Override
            public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
                if (Thread.currentThread().getName().startsWith("EmbeddedEventStore")) {
                    producerReads.incrementAndGet();
                }
                return super.readEvents(token, mayBlock);
            }
        };
        var events = new AxonJdbcAutoConfiguration.WakeAfterTransaction(EmbeddedEventStore.builder().storageEngine(storage).fetchDelay(60_000));
        try {
            TrackingEventStream relay = events.openStream(null);
            assertThat(relay.hasNextAvailable(300, TimeUnit.MILLISECONDS)).isFalse();
            int readsBefore = producerReads.get();

            transaction.executeWithoutResult(status -> {
                for (int item = 0; item < 3; item++) {
                    DefaultUnitOfWork.startAndGet(null).execute(() -> events.publish(GenericEventMessage.asEventMessage("item")));
                }
                pause();
                assertThat(producerReads).as("looks while the batch's transaction lasts").hasValue(readsBefore);
            });

            assertThat(relay.hasNextAvailable(5, TimeUnit.SECONDS)).as("the batch's events, long before the fetch delay").isTrue();
            // The positive control: the same thread-name filter does see the store's looks, those after the commit,
            // so the count that did not move during the transaction would have shown looks made then.
            assertThat(awaitMoreThan(producerReads, readsBefore, 10, TimeUnit.SECONDS))
                    .as("looks seen after the batch's transaction committed").isGreaterThan(readsBefore);
        } finally {
            events.shutDown();
        }
    }

    /** The counter's value once it is above {@code floor}, or its value when the timeout has passed. */
    private static int awaitMoreThan(AtomicInteger counter, int floor, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (counter.get() <= floor && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return counter.get();
    }

    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void insideATransactionItLooksOnceAfterTheCommit() {
        transaction.executeWithoutResult(status -> {
            for (int item = 0; item < 3; item++) {
                AxonJdbcAutoConfiguration.WakeAfterTransaction.afterTransaction(store, looks::incrementAndGet);
            }
            assertThat(looks).hasValue(0);
        });

        assertThat(looks).hasValue(1);
    }

    @Test
    void eachTransactionLooksAgain() {
        for (int batch = 0; batch < 2; batch++) {
            transaction.executeWithoutResult(status ->
                    AxonJdbcAutoConfiguration.WakeAfterTransaction.afterTransaction(store, looks::incrementAndGet));
        }

        assertThat(looks).hasValue(2);
    }

    @Test
    void aRolledBackTransactionLooksToo() {
        transaction.executeWithoutResult(status -> {
            AxonJdbcAutoConfiguration.WakeAfterTransaction.afterTransaction(store, looks::incrementAndGet);
            status.setRollbackOnly();
        });

        assertThat(looks).hasValue(1);
    }

    @Test
    void outsideATransactionItLooksAtOnce() {
        AxonJdbcAutoConfiguration.WakeAfterTransaction.afterTransaction(store, looks::incrementAndGet);

        assertThat(looks).hasValue(1);
    }

    /** A transaction manager with nothing behind it: only Spring's synchronisation of the transaction. */
    private static final class NoResources extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
