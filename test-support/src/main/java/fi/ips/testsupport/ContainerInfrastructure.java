package fi.ips.testsupport;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The official {@code postgres} and {@code apache/kafka} images, for where a Docker engine runs.
 * Use as a {@code @Container} of a class marked {@code @Testcontainers(disabledWithoutDocker = true)}.
 */
public final class ContainerInfrastructure implements Infrastructure, Startable {

    private final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17").withUsername("postgres").withPassword("postgres");
    private final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");

    @Override
    public void start() {
        postgres.start();
        kafka.start();
    }

    @Override
    public void stop() {
        kafka.stop();
        postgres.stop();
    }

    @Override
    public String jdbcUrl() {
        return postgres.getJdbcUrl();
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }
}
