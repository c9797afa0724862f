package fi.ips.support.kafka;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
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
     * One admin client for every check while the broker answers, closed with the service. A client
     * whose check failed is closed too, and the next check opens another: left open, it tries to
     * reach the broker in the background, many times a second and with a log line each, until the
     * broker is back.
     */
    static final class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

        private static final int TIMEOUT_MS = 2000;

        private final KafkaAdmin admin;
        private AdminClient client;

        KafkaHealthIndicator(KafkaAdmin admin) {
            this.admin = admin;
        }

        @Override
        public Health health() {
            AdminClient checking = null;
            try {
                checking = client();
                int brokers = checking.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                        .nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
                return Health.up().withDetail("brokers", brokers).build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.down().withDetail("error", "interrupted").build();
            } catch (Exception unreachable) {
                if (checking != null) {
                    close(checking);
                }
                return Health.down().withDetail("error", unreachable.getClass().getSimpleName()).build();
            }
        }

        /** Closes a client whose check failed; the next check opens another (unless one has already). */
        private synchronized void close(AdminClient failed) {
            if (client == failed) {
                client = null;
            }
            failed.close(Duration.ZERO);
        }

        private synchronized AdminClient client() {
            if (client == null) {
                client = AdminClient.create(admin.getConfigurationProperties());
            }
            return client;
        }

        @Override
        public synchronized void destroy() {
            if (client != null) {
                client.close(Duration.ZERO);
                client = null;
            }
        }
    }
}
