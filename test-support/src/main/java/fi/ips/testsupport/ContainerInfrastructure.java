package fi.ips.testsupport;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The official {@code postgres}, {@code apache/kafka} and {@code mongo} images, for where a Docker engine runs.
 * Use as a {@code @Container} of a class marked {@code @Testcontainers(disabledWithoutDocker = true)}.
 */
public final class ContainerInfrastructure implements Infrastructure, Startable {

    private final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17").withUsername("postgres").withPassword("postgres");
    private final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
    private final MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");

    @Override
    public void start() {
        postgres.start();
        kafka.start();
        mongo.start();
    }

    @Override
    public void stop() {
        mongo.stop();
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

    @Override
    public String mongoUri() {
        return mongo.getReplicaSetUrl("ips-outcomes");
    }
}
