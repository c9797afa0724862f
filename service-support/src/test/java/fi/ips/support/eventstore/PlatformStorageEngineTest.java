package fi.ips.support.eventstore;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** How many queries reading a history takes: none for a snapshot, and no last query that finds nothing. */
class PlatformStorageEngineTest {

    private static final int BATCH = 100;
    /** These tests read histories only: nothing is tracked, so no gap is looked at. */
    private static final SettledGaps NO_TRACKING = new SettledGaps(null, Duration.ofHours(1));

    @Test
    void aSnapshotIsNotLookedFor() {
        AtomicInteger connections = new AtomicInteger();
        var engine = new AxonJdbcAutoConfiguration.PlatformStorageEngine(settings().connectionProvider(() -> {
            connections.incrementAndGet();
            throw new SQLException("no database in this test");
        }), NO_TRACKING);

        assertThat(engine.readSnapshot("client-1")).isEmpty();
        assertThat(connections).hasValue(0);
    }

    @ParameterizedTest(name = "{0} events: {1} queries")
    @CsvSource({"0, 1", "1, 1", "3, 1", "99, 1", "100, 2", "150, 2", "250, 3"})
    void aHistoryIsReadWholeWithOneQueryABatch(long events, int queries) {
        History history = new History(events);

        assertThat(history.read()).isEqualTo(events);
        assertThat(history.queries).hasValue(queries);
    }

    /** The engine over a stored history of {@code events} events, counting its queries. */
    private static final class History extends AxonJdbcAutoConfiguration.PlatformStorageEngine {
        private final long events;
        private final AtomicInteger queries = new AtomicInteger();

        History(long events) {
            super(settings().connectionProvider(() -> {
                throw new SQLException("no database in this test");
            }), NO_TRACKING);
            this.events = events;
        }

        long read() {
            return readEventData("client-1", 0).count();
        }

        @Override
        protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
            queries.incrementAndGet();
            return LongStream.range(firstSequenceNumber, Math.min(events, firstSequenceNumber + batchSize))
                    .mapToObj(sequence -> new GenericDomainEventEntry<>("Enrolment", aggregateIdentifier, sequence, "e-" + sequence,
                            Instant.EPOCH, "payload", null, new byte[0], new byte[0]))
                    .toList();
        }
    }

    private static JdbcEventStorageEngine.Builder settings() {
        return JdbcEventStorageEngine.builder()
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .batchSize(BATCH);
    }
}
