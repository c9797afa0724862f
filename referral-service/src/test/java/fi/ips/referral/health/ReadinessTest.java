package fi.ips.referral.health;

import com.zaxxer.hikari.HikariDataSource;
import fi.ips.testsupport.Ports;
import fi.ips.testsupport.WithEmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Without a Kafka broker the service is alive but not ready (it could not relay its events), and
 * its metrics are open to Prometheus without a token. The ready case is in RelayIT (a real broker).
 */
@WithEmbeddedPostgres
@SpringBootTest(properties = {"ips.relay.enabled=false", "spring.kafka.admin.auto-create=false",
        "management.endpoint.health.show-components=always"})
@AutoConfigureMockMvc
class ReadinessTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        int noBroker = Ports.unused();
        properties.add("spring.kafka.bootstrap-servers", () -> "localhost:" + noBroker);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    DataSource dataSource;

    @Test
    void withoutKafkaTheServiceIsAliveButNotReady() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.components.kafka.status").value("DOWN"))
                .andExpect(jsonPath("$.components.db.status").value("UP"));
    }

    /** With PostgreSQL away, the 503 comes before the gateway's 30 s are up (Hikari's own default, 30 s, made it a 504). */
    @Test
    void aRequestWaitsForADatabaseConnectionTenSecondsAtMost() {
        assertThat(dataSource).isInstanceOfSatisfying(HikariDataSource.class,
                hikari -> assertThat(hikari.getConnectionTimeout()).isEqualTo(10_000));
    }

    @Test
    void metricsAreOpenToPrometheus() throws Exception {
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes")));
    }
}
