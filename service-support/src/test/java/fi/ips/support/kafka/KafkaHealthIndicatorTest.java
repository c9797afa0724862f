package fi.ips.support.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.KafkaAdmin;

import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Kafka's health with no broker: down, and no admin client left trying to reach it between checks. */
class KafkaHealthIndicatorTest {

    @Test
    void aFailedCheckLeavesNoClientTryingInTheBackground() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        String clientId = "health-test-" + freePort;
        var indicator = new KafkaHealthAutoConfiguration.KafkaHealthIndicator(new KafkaAdmin(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + freePort,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId)));
        try {
            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            await().untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(thread -> thread.isAlive() && thread.getName().endsWith("| " + clientId)));
        } finally {
            indicator.destroy();
        }
    }
}
