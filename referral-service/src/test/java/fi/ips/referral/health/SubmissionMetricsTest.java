package fi.ips.referral.health;

import fi.ips.testsupport.WithEmbeddedPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static fi.ips.testsupport.Callers.county;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Business metrics next to the technical ones: events stored per type and region, refusals per rule. */
@WithEmbeddedPostgres
@SpringBootTest(properties = {"ips.relay.enabled=false", "spring.kafka.admin.auto-create=false"})
@AutoConfigureMockMvc
class SubmissionMetricsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MeterRegistry meters;

    @Test
    void storedEventsAreCountedPerTypeAndRegionAndRefusalsPerRuleOperationAndRegion() throws Exception {
        double referredBefore = count("ips.events.accepted", "type", "fi.ips.client.referred.v1", "region", "21");
        double conflictsBefore = count("ips.submissions.refused", "rule", "client-already-referred", "operation", "POST /api/v1/referrals", "region", "21");
        String id = "metrics-" + UUID.randomUUID();
        refer(id, "2022-03-01").andExpect(status().isCreated());
        refer(id, "2022-03-01").andExpect(status().isCreated());
        refer(id, "2022-03-02").andExpect(status().isConflict());
        assertThat(count("ips.events.accepted", "type", "fi.ips.client.referred.v1", "region", "21")).isEqualTo(referredBefore + 1);
        assertThat(count("ips.submissions.refused", "rule", "client-already-referred", "operation", "POST /api/v1/referrals", "region", "21"))
                .isEqualTo(conflictsBefore + 1);
    }

    private org.springframework.test.web.servlet.ResultActions refer(String id, String date) throws Exception {
        return mvc.perform(post("/api/v1/referrals").with(county("21")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"clientId\":\"%s\",\"region\":\"21\",\"referredOn\":\"%s\",\"source\":\"SELF_REFERRAL\"}".formatted(id, date)));
    }

    private double count(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
