package fi.ips.placement.enrolment;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The same contract against the official images, where a Docker engine runs; skipped where none does. */
@Testcontainers(disabledWithoutDocker = true)
class AgreementFeedContainersIT extends AgreementFeedContract {

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:17")
            .withUsername("postgres").withPassword("postgres");

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Override
    String jdbcUrl() {
        return POSTGRES.getJdbcUrl();
    }

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
