package fi.ips.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A PostgreSQL 17 server, a Kafka broker (KRaft) and the MongoDB wire-protocol server, all from
 * Maven Central jars: no Docker needed. Use as a {@code @RegisterExtension} static field: started
 * before the class's tests, stopped after them.
 */
public final class EmbeddedInfrastructure implements Infrastructure, BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgres postgres;
    private EmbeddedKafkaKraftBroker kafka;
    private MongoServer mongo;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        kafka = new EmbeddedKafkaKraftBroker(1, 2);
        kafka.afterPropertiesSet();
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("localhost", 0);
        postgres = EmbeddedPostgres.builder().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        mongo.shutdown();
        kafka.destroy();
        postgres.close();
    }

    /** Only a MongoDB wire-protocol server (in memory, for this JVM's life): its connection string. */
    public static String mongo() {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("localhost", 0);
        return "mongodb://localhost:" + mongo.getLocalAddress().getPort() + "/ips-outcomes";
    }

    /** Only a PostgreSQL server, for tests that need no Kafka. */
    public static EmbeddedPostgres postgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBrokersAsString();
    }

    @Override
    public String mongoUri() {
        return "mongodb://localhost:" + mongo.getLocalAddress().getPort() + "/ips-outcomes";
    }

}
