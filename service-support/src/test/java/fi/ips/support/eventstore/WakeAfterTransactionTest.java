package fi.ips.support.eventstore;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store looks for new events when the transaction that stored them has completed, once
 * however many units of work committed in it (a batch's items), and at once outside a transaction.
 */
class WakeAfterTransactionTest {

    private final Object store = new Object();
    private final AtomicInteger looks = new AtomicInteger();
    private final TransactionTemplate transaction = new TransactionTemplate(new NoResources());

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
