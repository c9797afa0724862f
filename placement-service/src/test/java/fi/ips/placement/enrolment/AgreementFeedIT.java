package fi.ips.placement.enrolment;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;

/** Against a real PostgreSQL 17 server and a real Kafka broker (KRaft), both from Maven Central jars. */
class AgreementFeedIT extends AgreementFeedContract {

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        kafka = new EmbeddedKafkaKraftBroker(1, 2);
        kafka.afterPropertiesSet();
    }

    @AfterAll
    static void stop() throws IOException {
        kafka.destroy();
        postgres.close();
    }

    @Override
    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    String bootstrapServers() {
        return kafka.getBrokersAsString();
    }
}
