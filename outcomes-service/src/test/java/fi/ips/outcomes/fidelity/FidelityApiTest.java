package fi.ips.outcomes.fidelity;

import fi.ips.events.FidelityReviewVoidedEvent;
import fi.ips.events.FidelityReviewedEvent;
import fi.ips.events.Region;
import fi.ips.outcomes.OutcomesServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

import java.time.LocalDate;
import java.util.List;

import static fi.ips.testsupport.Callers.coordinator;
import static fi.ips.testsupport.Callers.county;
import static fi.ips.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@OutcomesServiceTest
@AutoConfigureMockMvc
class FidelityApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    FidelityReviews reviews;
    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void keskiPohjanmaaTwiceAndLappiOnce() {
        mongo.dropCollection(FidelityReviews.COLLECTION);
        reviews.recordAll(List.of(
                new FidelityReviewedEvent(Region.KESKI_POHJANMAA, LocalDate.of(2024, 3, 14), 1, 108, null),
                new FidelityReviewedEvent(Region.KESKI_POHJANMAA, LocalDate.of(2023, 2, 1), 1, 96, null),
                new FidelityReviewedEvent(Region.LAPPI, LocalDate.of(2023, 5, 5), 1, 81, null),
                new FidelityReviewedEvent(Region.LAPPI, LocalDate.of(2023, 9, 9), 1, 90, null),
                new FidelityReviewVoidedEvent(Region.LAPPI, LocalDate.of(2023, 9, 9), 2, LocalDate.of(2023, 9, 10))));
    }

    @Test
    void theCoordinatorReadsEveryRegionsReviewsTheLatestFirst() throws Exception {
        mvc.perform(get("/api/v1/outcomes/fidelity?asOf=2024-06-30").with(coordinator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.asOf").value("2024-06-30"))
                .andExpect(jsonPath("$.goodScore").value(100))
                .andExpect(jsonPath("$.regions[*].region", contains("18", "21")))
                .andExpect(jsonPath("$.regions[0].name").value("Keski-Pohjanmaan hyvinvointialue"))
                .andExpect(jsonPath("$.regions[0].reviews[*].score", contains(108, 96)))
                .andExpect(jsonPath("$.regions[0].reviews[*].good", contains(true, false)))
                .andExpect(jsonPath("$.regions[1].reviews", hasSize(1)))
                .andExpect(jsonPath("$.regions[1].reviews[0].score").value(81));
        mvc.perform(get("/api/v1/outcomes/fidelity?asOf=2024-03-13").with(coordinator()))
                .andExpect(jsonPath("$.regions[0].reviews[*].score", contains(96)));
    }

    @Test
    void aCountyReadsItsOwnRegionsOnly() throws Exception {
        mvc.perform(get("/api/v1/outcomes/fidelity").with(county("21")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.regions[*].region", contains("21")));
        mvc.perform(get("/api/v1/outcomes/fidelity").with(county("20")))
                .andExpect(jsonPath("$.regions", hasSize(0)));
    }

    @Test
    void aDayInTheFutureIsRefused() throws Exception {
        problem(mvc.perform(get("/api/v1/outcomes/fidelity?asOf=2999-01-01").with(coordinator())), 422, "date-in-future");
        problem(mvc.perform(get("/api/v1/outcomes/fidelity?asOf=yesterday").with(coordinator())), 400, "format");
    }
}
