package fi.ips.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A PostgreSQL 17 server and a Kafka broker (KRaft) from Maven Central jars: no Docker needed. */
public final class EmbeddedInfrastructure implements Infrastructure, AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final EmbeddedKafkaKraftBroker kafka;

    private EmbeddedInfrastructure(EmbeddedPostgres postgres, EmbeddedKafkaKraftBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static EmbeddedInfrastructure start() {
        try {
            EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 2);
            kafka.afterPropertiesSet();
            return new EmbeddedInfrastructure(EmbeddedPostgres.builder().start(), kafka);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
    public void close() throws IOException {
        kafka.destroy();
        postgres.close();
    }
}
