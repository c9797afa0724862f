package fi.ips.support.kafka;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's health ({@code kafka} in {@code /actuator/health}), which Spring Boot does not provide:
 * a service that relays to or consumes from Kafka is not ready while no broker answers.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({KafkaAdmin.class, HealthIndicator.class})
@ConditionalOnBean(KafkaAdmin.class)
class KafkaHealthAutoConfiguration {

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
        return new KafkaHealthIndicator(admin);
    }

    /**
     * An admin client a check, closed after it: one left open tries to reach a broker that stopped
     * in the background, many times a second with a log line each, until the next check.
     */
    static final class KafkaHealthIndicator implements HealthIndicator {

        private static final int TIMEOUT_MS = 2000;

        private final KafkaAdmin admin;

        KafkaHealthIndicator(KafkaAdmin admin) {
            this.admin = admin;
        }

        @Override
        public Health health() {
            AdminClient client = AdminClient.create(admin.getConfigurationProperties());
            try {
                int brokers = client.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                        .nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
                return Health.up().withDetail("brokers", brokers).build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.down().withDetail("error", "interrupted").build();
            } catch (Exception unreachable) {
                return Health.down().withDetail("error", unreachable.getClass().getSimpleName()).build();
            } finally {
                client.close(Duration.ZERO);
            }
        }
    }
}
