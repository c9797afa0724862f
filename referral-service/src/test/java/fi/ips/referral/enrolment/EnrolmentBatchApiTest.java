package fi.ips.referral.enrolment;

import fi.ips.testsupport.BatchItems;
import fi.ips.testsupport.Callers;
import fi.ips.testsupport.WithEmbeddedPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.net.URI;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static fi.ips.testsupport.BatchItems.item;
import static fi.ips.testsupport.Callers.county;
import static fi.ips.testsupport.ProblemAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code POST /api/v1/referrals/batch}: many enrolment steps in one request, each checked as its single endpoint checks it. */
@WithEmbeddedPostgres
@SpringBootTest(properties = {"ips.relay.enabled=false", "spring.kafka.admin.auto-create=false"})
@AutoConfigureMockMvc
class EnrolmentBatchApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void theItemsAreAppliedInOrderAndAnsweredEach() throws Exception {
        String first = newId();
        String second = newId();
        batch("14", refer(first, "14"), agreement(first, "2023-03-15"), refer(second, "14"), agreement(second, "2023-03-20"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(4))
                .andExpect(jsonPath("$.refused").value(0))
                .andExpect(jsonPath("$.items", hasSize(4)))
                .andExpect(jsonPath("$.items[1].item").value(1))
                .andExpect(jsonPath("$.items[1].accepted").value(true))
                .andExpect(jsonPath("$.items[1].id").value(first))
                .andExpect(jsonPath("$.items[1].problem").doesNotExist());
        mvc.perform(get("/api/v1/referrals/" + second).with(county("14")))
                .andExpect(jsonPath("$.status").value("AGREEMENT_SIGNED"))
                .andExpect(jsonPath("$.history", hasSize(2)));
    }

    @Test
    void aRefusedItemIsAnsweredAsItsSingleEndpointWouldAndTheOthersGoOn() throws Exception {
        String stored = newId();
        String unknown = newId();
        String pic = "131052-308T";
        batch("14",
                refer(stored, "14"),
                agreement(unknown, "2023-03-15"),
                item("agreement", stored, "{\"signedOn\":\"2023-02-01\"}"),
                item("agreement", stored, "{\"signedOn\":\"2023-03-15\",\"name\":\"x\"}"),
                item("end", stored, "{\"endedOn\":\"2023-04-01\"}"),
                refer(pic, "14"),
                refer(newId(), "20"),
                item("hire", stored, "{}"),
                "{\"operation\":\"agreement\",\"id\":\"" + stored + "\"}",
                agreement(stored, "2023-03-15"),
                agreement(pic, "2023-03-15"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.refused").value(9))
                .andExpect(jsonPath("$.items[1].accepted").value(false))
                .andExpect(jsonPath("$.items[1].id").value(unknown))
                .andExpect(jsonPath("$.items[1].problem.status").value(404))
                .andExpect(jsonPath("$.items[1].problem.rule").value("not-found"))
                .andExpect(jsonPath("$.items[2].problem.status").value(422))
                .andExpect(jsonPath("$.items[2].problem.rule").value("agreement-before-referral"))
                .andExpect(jsonPath("$.items[3].problem.status").value(400))
                .andExpect(jsonPath("$.items[3].problem.rule").value("unknown-field"))
                .andExpect(jsonPath("$.items[3].problem.errors[0].field").value("name"))
                .andExpect(jsonPath("$.items[4].problem.rule").value("validation"))
                .andExpect(jsonPath("$.items[4].problem.errors[0].field").value("reason"))
                .andExpect(jsonPath("$.items[4].problem.errors[0].rule").value("not-null"))
                .andExpect(jsonPath("$.items[5].problem.rule").value("no-personal-identity-code"))
                .andExpect(jsonPath("$.items[6].problem.status").value(403))
                .andExpect(jsonPath("$.items[7].problem.rule").value("unknown-operation"))
                .andExpect(jsonPath("$.items[8].problem.rule").value("body-required"))
                .andExpect(jsonPath("$.items[9].accepted").value(true))
                .andExpect(jsonPath("$.items[10].problem.rule").value("no-personal-identity-code"))
                // The refused id is not repeated.
                .andExpect(jsonPath("$.items[10].id").value("***"));
        assertThat(eventsOf(unknown)).isZero();
        assertThat(eventsOf(pic)).isZero();
        mvc.perform(get("/api/v1/referrals/" + stored).with(county("14")))
                .andExpect(jsonPath("$.status").value("AGREEMENT_SIGNED"))
                .andExpect(jsonPath("$.history", hasSize(2)));
    }

    /** The same batch again is accepted, stores nothing new, and says so item by item. */
    @Test
    void theSameBatchAgainStoresNothingNew() throws Exception {
        String id = newId();
        batch("14", refer(id, "14")).andExpect(jsonPath("$.items[0].alreadyStored").value(false));
        batch("14", refer(id, "14"), agreement(id, "2023-03-15"), agreement(newId(), "2023-03-15"))
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.items[0].alreadyStored").value(true))
                .andExpect(jsonPath("$.items[1].alreadyStored").value(false))
                .andExpect(jsonPath("$.items[2].alreadyStored").doesNotExist());
        batch("14", refer(id, "14"), agreement(id, "2023-03-15"))
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.items[0].alreadyStored").value(true))
                .andExpect(jsonPath("$.items[1].alreadyStored").value(true));
        assertThat(eventsOf(id)).isEqualTo(2);
    }

    /** A batch sent again with its Idempotency-Key (as the import does after an outage) gets its first answer: stored then, not before. */
    @Test
    void aBatchSentAgainWithItsKeyIsAnsweredAsTheFirstTime() throws Exception {
        String id = newId();
        String key = UUID.randomUUID().toString();
        String body = BatchItems.batch(refer(id, "14"));
        for (String replayed : new String[]{null, "true"}) {
            mvc.perform(post("/api/v1/referrals/batch?region=14").header("Idempotency-Key", key).with(county("14"))
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(header().string("Idempotent-Replayed", replayed))
                    .andExpect(jsonPath("$.items[0].alreadyStored").value(false));
        }
        batch("14", refer(id, "14")).andExpect(jsonPath("$.items[0].alreadyStored").value(true));
        assertThat(eventsOf(id)).isEqualTo(1);
    }

    @Test
    void anotherRegionsClientIsNotFoundAndTheRefusalIsCountedAsTheItemsOperation() throws Exception {
        String id = newId();
        double before = refusals("not-found", "POST /api/v1/referrals/batch agreement", "20");
        double unknownBefore = refusals("unknown-operation", "POST /api/v1/referrals/batch", "20");
        batch("14", refer(id, "14")).andExpect(jsonPath("$.accepted").value(1));
        batch("20", agreement(id, "2023-03-15"), item("hire-131052-308T", id, "{}"))
                .andExpect(jsonPath("$.items[0].problem.status").value(404));
        assertThat(eventsOf(id)).isEqualTo(1);
        assertThat(refusals("not-found", "POST /api/v1/referrals/batch agreement", "20")).isEqualTo(before + 1);
        // An unknown operation is the caller's text: it is not made a tag.
        assertThat(refusals("unknown-operation", "POST /api/v1/referrals/batch", "20")).isEqualTo(unknownBefore + 1);
    }

    /**
     * A batch kept to one region (an import's, sent with the import service's token for every region)
     * writes to and tells of that region's clients only: another's is answered as one that does not exist.
     */
    @Test
    void aBatchKeptToOneRegionDoesNotReachAnotherRegionsClientsEvenWithATokenForBoth() throws Exception {
        String elsewhere = newId();
        batch("20", refer(elsewhere, "20")).andExpect(jsonPath("$.accepted").value(1));
        String own = newId();
        var importService = Callers.counties("import-service", "14", "20");

        mvc.perform(post("/api/v1/referrals/batch?region=14").with(importService).contentType(MediaType.APPLICATION_JSON)
                        .content(BatchItems.batch(refer(own, "14"), agreement(elsewhere, "2023-03-15"), refer(newId(), "20"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.items[1].problem.status").value(404))
                .andExpect(jsonPath("$.items[2].problem.rule").value("own-region-only"));
        assertThat(eventsOf(elsewhere)).isEqualTo(1);
        assertThat(eventsOf(own)).isEqualTo(1);

        // Without ?region= the same token writes both (the control), and a region it may not write is refused as a whole.
        mvc.perform(post("/api/v1/referrals/batch").with(importService).contentType(MediaType.APPLICATION_JSON)
                        .content(BatchItems.batch(agreement(elsewhere, "2023-03-15"))))
                .andExpect(jsonPath("$.accepted").value(1));
        problem(mvc.perform(post("/api/v1/referrals/batch?region=21").with(importService).contentType(MediaType.APPLICATION_JSON)
                .content(BatchItems.batch(refer(newId(), "21")))), 403, "own-region-only");
        problem(mvc.perform(post("/api/v1/referrals/batch?region=99").with(importService).contentType(MediaType.APPLICATION_JSON)
                .content(BatchItems.batch(refer(newId(), "14")))), 422, "region-code");
    }

    /**
     * The same Idempotency-Key with the same body but another query is another request, not a replay
     * of the first; the same query encoded otherwise is a retry.
     */
    @Test
    void anIdempotencyKeyIsForOneQueryToo() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = BatchItems.batch(refer(newId(), "14"));
        mvc.perform(post("/api/v1/referrals/batch?region=14").header("Idempotency-Key", key).with(county("14"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(jsonPath("$.accepted").value(1));
        mvc.perform(post(URI.create("/api/v1/referrals/batch?region=%31%34")).header("Idempotency-Key", key).with(county("14"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.accepted").value(1));
        problem(mvc.perform(post("/api/v1/referrals/batch").header("Idempotency-Key", key).with(county("14"))
                .contentType(MediaType.APPLICATION_JSON).content(body)), 422, "idempotency-key-reused");
    }

    private double refusals(String rule, String operation, String region) {
        var counter = meters.find("ips.submissions.refused").tags("rule", rule, "operation", operation, "region", region).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aBatchNeedsItemsAndAtMostAThousand() throws Exception {
        problem(perform("14", "{\"items\":[]}"), 400, "batch-empty");
        problem(perform("14", "{}"), 400, "batch-empty");
        String many = IntStream.range(0, 1001).mapToObj(i -> refer(newId(), "14")).collect(Collectors.joining(","));
        problem(perform("14", "{\"items\":[" + many + "]}"), 413, "batch-too-large");
        problem(perform("14", "{\"items\":[],\"extra\":1}"), 400, "unknown-field");
    }

    private ResultActions batch(String region, String... items) throws Exception {
        return perform(region, BatchItems.batch(items));
    }

    private ResultActions perform(String region, String json) throws Exception {
        return mvc.perform(post("/api/v1/referrals/batch").with(county(region)).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private int eventsOf(String clientId) {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?", Integer.class, clientId);
    }

    private static String refer(String clientId, String region) {
        return item("refer", null, "{\"clientId\":\"%s\",\"region\":\"%s\",\"referredOn\":\"2023-03-01\",\"source\":\"PSYCHIATRIC_OUTPATIENT_CARE\"}"
                .formatted(clientId, region));
    }

    private static String agreement(String clientId, String signedOn) {
        return item("agreement", clientId, "{\"signedOn\":\"" + signedOn + "\"}");
    }

    private static String newId() {
        return "c-" + UUID.randomUUID();
    }
}
