package fi.ips.outcomes.stream;

import fi.ips.outcomes.OutcomesServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static fi.ips.testsupport.Callers.coordinator;
import static fi.ips.testsupport.Callers.county;
import static fi.ips.testsupport.ProblemAssertions.problem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The streams' contract endpoints and the stream's refusals (the stream itself is tested end to end in StreamsIT). */
@OutcomesServiceTest
@AutoConfigureMockMvc
class StreamContractApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theAsyncApiDocumentAndEachTypesSchemaAreOpenToAnyone() throws Exception {
        mvc.perform(get("/api/v1/streams/asyncapi.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.asyncapi").value("3.0.0"))
                .andExpect(jsonPath("$.channels.placements.address").value("ips.placements.v1"));
        mvc.perform(get("/api/v1/streams/schemas/fi.ips.job.started.v1"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/schema+json"))
                .andExpect(jsonPath("$.title").value("fi.ips.job.started.v1"))
                .andExpect(jsonPath("$.properties.weeklyHours.type[1]").value("null"));
        problem(mvc.perform(get("/api/v1/streams/schemas/fi.ips.nothing.v1")), 404, "not-found");
        problem(mvc.perform(get("/api/v1/streams/schemas/CloudEventHeaders")), 404, "not-found");
    }

    @Test
    void theStreamRefusesWhatItCannotServe() throws Exception {
        problem(mvc.perform(get("/api/v1/streams/events").header("Last-Event-ID", "r0-1;DROP").with(coordinator())), 400, "last-event-id");
        problem(mvc.perform(get("/api/v1/streams/events?from=yesterday").with(coordinator())), 422, "allowed-values");
        problem(mvc.perform(get("/api/v1/streams/events?types=fi.ips.client.referred.v9").with(coordinator())), 422, "unknown-type");
        mvc.perform(get("/api/v1/streams/events").with(county("14"))).andExpect(status().isForbidden());
    }
}
