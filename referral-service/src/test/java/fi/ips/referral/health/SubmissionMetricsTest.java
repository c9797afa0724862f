package fi.ips.referral.health;

import fi.ips.testsupport.BatchItems;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
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

    @Test
    void aReadThatFindsNothingIsNoRefusedSubmission() throws Exception {
        mvc.perform(get("/api/v1/referrals/no-such-client").with(county("21"))).andExpect(status().isNotFound());
        assertThat(meters.find("ips.submissions.refused").tag("operation", "GET /api/v1/referrals/{clientId}").counter()).isNull();
    }

    /**
     * A batch's events are counted when its transaction commits, once: a refused command has its
     * group of items applied again, and their first application, undone, is not counted.
     */
    @Test
    void aBatchCountsWhatItStoresOnceThoughARefusedCommandHasItemsAppliedAgain() throws Exception {
        double referredBefore = count("ips.events.accepted", "type", "fi.ips.client.referred.v1", "region", "21");
        double conflictsBefore = count("ips.submissions.refused", "rule", "client-already-referred", "operation", "POST /api/v1/referrals/batch refer", "region", "21");
        String first = "metrics-" + UUID.randomUUID();
        String second = "metrics-" + UUID.randomUUID();
        mvc.perform(post("/api/v1/referrals/batch").with(county("21")).contentType(MediaType.APPLICATION_JSON)
                        .content(BatchItems.batch(referItem(first, "2022-03-01"), referItem(second, "2022-03-01"), referItem(first, "2022-03-02"))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.items[2].problem.rule").value("client-already-referred"));
        assertThat(count("ips.events.accepted", "type", "fi.ips.client.referred.v1", "region", "21")).isEqualTo(referredBefore + 2);
        assertThat(count("ips.submissions.refused", "rule", "client-already-referred", "operation", "POST /api/v1/referrals/batch refer", "region", "21"))
                .isEqualTo(conflictsBefore + 1);
    }

    private static String referItem(String id, String date) {
        return BatchItems.item("refer", null, referral(id, date));
    }

    private org.springframework.test.web.servlet.ResultActions refer(String id, String date) throws Exception {
        return mvc.perform(post("/api/v1/referrals").with(county("21")).contentType(MediaType.APPLICATION_JSON).content(referral(id, date)));
    }

    private static String referral(String id, String date) {
        return "{\"clientId\":\"%s\",\"region\":\"21\",\"referredOn\":\"%s\",\"source\":\"SELF_REFERRAL\"}".formatted(id, date);
    }

    private double count(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
