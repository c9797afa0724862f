package fi.ips.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A PostgreSQL 17 server, a Kafka broker (KRaft) and the MongoDB wire-protocol server, all from
 * Maven Central jars: no Docker needed.
 */
public final class EmbeddedInfrastructure implements Infrastructure, AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final EmbeddedKafkaKraftBroker kafka;
    private final MongoServer mongo;

    private EmbeddedInfrastructure(EmbeddedPostgres postgres, EmbeddedKafkaKraftBroker kafka, MongoServer mongo) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.mongo = mongo;
    }

    public static EmbeddedInfrastructure start() {
        try {
            EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 2);
            kafka.afterPropertiesSet();
            MongoServer mongo = new MongoServer(new MemoryBackend());
            mongo.bind("localhost", 0);
            return new EmbeddedInfrastructure(EmbeddedPostgres.builder().start(), kafka, mongo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    @Override
    public void close() throws IOException {
        mongo.shutdown();
        kafka.destroy();
        postgres.close();
    }
}
