package fi.ips.support.eventstore;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a history makes no snapshot query: no aggregate is ever snapshotted. */
class WithoutSnapshotsTest {

    @Test
    void aSnapshotIsNotLookedFor() {
        AtomicInteger connections = new AtomicInteger();
        var engine = new AxonJdbcAutoConfiguration.WithoutSnapshots(JdbcEventStorageEngine.builder()
                .connectionProvider(() -> {
                    connections.incrementAndGet();
                    throw new SQLException("no database in this test");
                })
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer()));

        assertThat(engine.readSnapshot("client-1")).isEmpty();
        assertThat(connections).hasValue(0);
    }
}
