package fi.ips.referral.fidelity;

import fi.ips.testsupport.WithEmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import static fi.ips.testsupport.Callers.coordinator;
import static fi.ips.testsupport.Callers.county;
import static fi.ips.testsupport.ProblemAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every answer of the fidelity reviews' API, against a real PostgreSQL event store (Kafka relay
 * off). Each test uses a region of its own: a region's reviews are one aggregate.
 */
@WithEmbeddedPostgres
@SpringBootTest(properties = {"ips.relay.enabled=false", "spring.kafka.admin.auto-create=false"})
@AutoConfigureMockMvc
class FidelityReviewApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCountyRecordsItsReviewAndBothItAndTheCoordinatorReadIt() throws Exception {
        put("18", "2024-03-14", county("18"), "{\"score\":108}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.region").value("18"))
                .andExpect(jsonPath("$.reviewedOn").value("2024-03-14"))
                .andExpect(jsonPath("$.revision").value(1))
                .andExpect(jsonPath("$.score").value(108))
                .andExpect(jsonPath("$.good").value(true))
                .andExpect(jsonPath("$.voided").value(false));
        put("18", "2022-10-03", county("18"), review(Collections.nCopies(25, 3)))
                .andExpect(jsonPath("$.score").value(75))
                .andExpect(jsonPath("$.good").value(false))
                .andExpect(jsonPath("$.itemScores", hasSize(25)));

        for (JwtRequestPostProcessor reader : List.of(county("18"), coordinator())) {
            mvc.perform(get("/api/v1/fidelity-reviews/18").with(reader))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.region").value("18"))
                    .andExpect(jsonPath("$.reviews", hasSize(2)))
                    .andExpect(jsonPath("$.reviews[0].reviewedOn").value("2024-03-14"))
                    .andExpect(jsonPath("$.reviews[1].reviewedOn").value("2022-10-03"));
        }
        mvc.perform(get("/api/v1/fidelity-reviews/18/2022-10-03").with(coordinator())).andExpect(jsonPath("$.score").value(75));
        problem(mvc.perform(get("/api/v1/fidelity-reviews/18/2022-10-04").with(coordinator())), 404, "not-found");
        problem(mvc.perform(get("/api/v1/fidelity-reviews/18").with(county("14"))), 403, "own-region-only");
        problem(mvc.perform(get("/api/v1/fidelity-reviews/18/2022-10-03").with(county("14"))), 403, "own-region-only");
    }

    @Test
    void theSameReviewAgainStoresNothingAndAChangeIsTheNextRevision() throws Exception {
        put("17", "2024-05-02", county("17"), "{\"score\":99}").andExpect(jsonPath("$.revision").value(1));
        long stored = storedEvents();
        put("17", "2024-05-02", county("17"), "{\"score\":99}").andExpect(status().isOk()).andExpect(jsonPath("$.revision").value(1));
        // The day is one spelling only, whatever the caller's language.
        problem(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/fidelity-reviews/17/2.5.2024")
                .header("Accept-Language", "fi").with(county("17")).contentType(MediaType.APPLICATION_JSON).content("{\"score\":99}")), 400, "format");
        assertThat(storedEvents()).isEqualTo(stored);

        put("17", "2024-05-02", county("17"), "{\"score\":101}")
                .andExpect(jsonPath("$.revision").value(2))
                .andExpect(jsonPath("$.good").value(true));
        assertThat(storedEvents()).isEqualTo(stored + 1);
    }

    @Test
    void aVoidedReviewIsShownVoidedAndCanBeRecordedAgain() throws Exception {
        put("16", "2023-11-20", county("16"), "{\"score\":88}");
        mvc.perform(delete("/api/v1/fidelity-reviews/16/2023-11-20").with(county("16")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.voided").value(true))
                .andExpect(jsonPath("$.revision").value(2))
                .andExpect(jsonPath("$.score").value(88));
        mvc.perform(delete("/api/v1/fidelity-reviews/16/2023-11-20").with(county("16"))).andExpect(jsonPath("$.revision").value(2));
        put("16", "2023-11-20", county("16"), "{\"score\":88}").andExpect(jsonPath("$.revision").value(3)).andExpect(jsonPath("$.voided").value(false));

        problem(mvc.perform(delete("/api/v1/fidelity-reviews/16/2023-11-21").with(county("16"))), 404, "not-found");
        problem(mvc.perform(delete("/api/v1/fidelity-reviews/15/2023-11-20").with(county("15"))), 404, "not-found");
    }

    /** If-Match with the ETag read: a late retry of an old change does not undo a newer one. */
    @Test
    void aChangeMadeOnWhatWasReadIsRefusedOnceAnotherCameBetween() throws Exception {
        put("11", "2024-01-10", county("11"), "{\"score\":90}").andExpect(header().string("ETag", "\"1\""));
        String read = mvc.perform(get("/api/v1/fidelity-reviews/11/2024-01-10").with(county("11")))
                .andExpect(header().string("ETag", "\"1\"")).andReturn().getResponse().getHeader("ETag");
        mvc.perform(withIfMatch(read, "{\"score\":95}")).andExpect(status().isOk()).andExpect(header().string("ETag", "\"2\""));
        long stored = storedEvents();

        problem(mvc.perform(withIfMatch(read, "{\"score\":91}")), 412, "revision-changed")
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("revision 2")));
        mvc.perform(withIfMatch(read, "{\"score\":95}")).andExpect(status().isOk());
        problem(mvc.perform(delete("/api/v1/fidelity-reviews/11/2024-01-10").header("If-Match", read).with(county("11"))), 412, "revision-changed");
        problem(mvc.perform(withIfMatch("3", "{\"score\":91}")), 400, "if-match-format");
        assertThat(storedEvents()).isEqualTo(stored);
        // "0": a review of a day that has none yet, so that two people recording the same day do not overwrite each other.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/fidelity-reviews/11/2024-01-11")
                .header("If-Match", "\"0\"").with(county("11")).contentType(MediaType.APPLICATION_JSON).content("{\"score\":91}"))
                .andExpect(status().isCreated());
        problem(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/fidelity-reviews/11/2024-01-11")
                .header("If-Match", "\"0\"").with(county("11")).contentType(MediaType.APPLICATION_JSON).content("{\"score\":92}")), 412,
                "revision-changed");
    }

    @Test
    void onlyTheCountyOfTheRegionRecordsOrVoidsItsReviews() throws Exception {
        problem(put("13", "2024-03-14", county("14"), "{\"score\":108}"), 403, "own-region-only");
        problem(put("13", "2024-03-14", coordinator(), "{\"score\":108}"), 403, "role-required");
        problem(mvc.perform(delete("/api/v1/fidelity-reviews/13/2024-03-14").with(county("14"))), 403, "own-region-only");
        mvc.perform(get("/api/v1/fidelity-reviews/13").with(county("13"))).andExpect(jsonPath("$.reviews", hasSize(0)));
    }

    @Test
    void badReviewsAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        long stored = storedEvents();
        problem(put("12", "2024-03-14", county("12"), "{\"score\":126}"), 422, "validation")
                .andExpect(jsonPath("$.errors[0].field").value("score"));
        problem(put("12", "2024-03-14", county("12"), "{\"score\":24}"), 422, "validation");
        problem(put("12", "2024-03-14", county("12"), "{}"), 422, "validation").andExpect(jsonPath("$.errors[0].field").value("score"));
        problem(put("12", "2024-03-14", county("12"), review(Collections.nCopies(24, 4))), 422, "fidelity-item-count")
                .andExpect(jsonPath("$.errors[0].field").value("itemScores"));
        List<Integer> six = new java.util.ArrayList<>(Collections.nCopies(25, 4));
        six.set(3, 6);
        problem(put("12", "2024-03-14", county("12"), "{\"score\":102,\"itemScores\":" + six + "}"), 422, "fidelity-item-score")
                .andExpect(jsonPath("$.errors[0].field").value("itemScores[3]"));
        problem(put("12", "2024-03-14", county("12"), "{\"score\":96,\"itemScores\":" + six.toString().replace("6", "null") + "}"), 422,
                "fidelity-item-score");
        problem(put("12", "2024-03-14", county("12"), "{\"score\":96,\"itemScores\":" + six.toString().replace("6", "\"six\"") + "}"), 400,
                "format").andExpect(jsonPath("$.errors[0].field").value("itemScores[3]"));
        problem(put("12", "2024-03-14", county("12"), "{\"score\":100,\"itemScores\":" + Collections.nCopies(100_000, 6) + "}"), 422,
                "fidelity-item-count").andExpect(jsonPath("$.errors", hasSize(1)));
        problem(put("12", "2024-03-14", county("12"), "{\"score\":101,\"itemScores\":" + Collections.nCopies(25, 4) + "}"), 422,
                "fidelity-score-sum").andExpect(jsonPath("$.errors[0].field").value("score"));
        problem(put("12", "2099-03-14", county("12"), "{\"score\":108}"), 422, "date-in-future");
        problem(put("12", "2014-03-14", county("12"), "{\"score\":108}"), 422, "date-before-2015");
        problem(put("12", "2024-02-30", county("12"), "{\"score\":108}"), 400, "format").andExpect(jsonPath("$.errors[0].field").value("reviewedOn"));
        problem(put("99", "2024-03-14", county("12"), "{\"score\":108}"), 422, "region-code");
        problem(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/fidelity-reviews/12/2024-03-14")
                .with(county("12")).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("score=108")), 415, "http-415");
        problem(mvc.perform(delete("/api/v1/fidelity-reviews/12").with(county("12"))), 405, "http-405");
        problem(put("12", "2024-03-14", county("12"), "{\"score\":\"108 ok\"}"), 400, "format").andExpect(jsonPath("$.errors[0].field").value("score"));
        problem(put("12", "2024-03-14", county("12"), "{\"score\":108,\"reviewer\":\"Matti\"}"), 400, "unknown-field");
        assertThat(storedEvents()).isEqualTo(stored);
    }

    private ResultActions put(String region, String day, JwtRequestPostProcessor caller, String json) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .put("/api/v1/fidelity-reviews/{region}/{day}", region, day).with(caller).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder withIfMatch(String etag, String json) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/fidelity-reviews/11/2024-01-10")
                .header("If-Match", etag).with(county("11")).contentType(MediaType.APPLICATION_JSON).content(json);
    }

    private static String review(List<Integer> items) {
        return "{\"score\":" + items.stream().mapToInt(Integer::intValue).sum() + ",\"itemScores\":"
                + items.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")) + "}";
    }

    private long storedEvents() {
        return jdbc.queryForObject("select count(*) from domainevententry", Long.class);
    }
}
