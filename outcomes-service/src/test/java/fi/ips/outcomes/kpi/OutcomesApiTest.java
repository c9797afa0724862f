package fi.ips.outcomes.kpi;

import fi.ips.outcomes.OutcomesServiceTest;
import fi.ips.events.JobType;
import fi.ips.events.Region;
import fi.ips.outcomes.journey.ClientJourneys;
import fi.ips.outcomes.journey.JourneySummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static fi.ips.outcomes.kpi.KpiCalculatorTest.job;
import static fi.ips.testsupport.Callers.coordinator;
import static fi.ips.testsupport.Callers.county;
import static fi.ips.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every answer of the outcomes API, over journeys given directly (their projection has tests of its own). */
@OutcomesServiceTest
@AutoConfigureMockMvc
class OutcomesApiTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ClientJourneys journeys;

    @BeforeEach
    void sevenClientsInLappiOneInKainuu() {
        List<JourneySummary> lappi = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            lappi.add(new JourneySummary(Region.LAPPI, false, LocalDate.of(2021, 1, 10), LocalDate.of(2021, 2, 1), null,
                    i < 3 ? List.of(job(JobType.PAID_OPEN_MARKET, LocalDate.of(2021, 5, 1), null)) : List.of(), List.of()));
        }
        List<JourneySummary> all = new ArrayList<>(lappi);
        all.add(new JourneySummary(Region.KAINUU, false, LocalDate.of(2021, 1, 10), LocalDate.of(2021, 2, 1), null, List.of(), List.of()));
        when(journeys.summaries(any())).thenAnswer(call -> call.getArgument(0) == null ? all
                : all.stream().filter(j -> j.region().code().equals(call.getArgument(0))).toList());
    }

    @Test
    void aCountyReadsItsRegionAndTheNationalRow() throws Exception {
        mvc.perform(get("/api/v1/outcomes/regions/21?asOf=2022-04-30").with(county("21")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Lapin hyvinvointialue"))
                .andExpect(jsonPath("$.agreements").value(7))
                .andExpect(jsonPath("$.employed").value(3))
                .andExpect(jsonPath("$.paidWithin6Months.eligible").value(7))
                .andExpect(jsonPath("$.openMarketShare").value(1.0))
                .andExpect(jsonPath("$.jobClients").doesNotExist());
        mvc.perform(get("/api/v1/outcomes/regions?asOf=2022-04-30").with(county("21")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[0].region").value("21"))
                .andExpect(jsonPath("$[1].region").value(nullValue()))
                .andExpect(jsonPath("$[1].agreements").value(8));
        problem(mvc.perform(get("/api/v1/outcomes/regions/20").with(county("21"))), 403, "own-region-only");
    }

    @Test
    void theCoordinatorReadsEveryRegion() throws Exception {
        mvc.perform(get("/api/v1/outcomes/regions?asOf=2022-04-30").with(coordinator()))
                .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(Region.values().length + 1)));
        mvc.perform(get("/api/v1/outcomes/monthly?region=20&from=2021-01&to=2021-03").with(coordinator()))
                .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(3)))
                .andExpect(jsonPath("$[*].agreements", org.hamcrest.Matchers.contains(0, 1, 1)));
    }

    @Test
    void anyoneReadsThePublicFiguresWithSmallNumbersSuppressed() throws Exception {
        mvc.perform(get("/api/v1/outcomes/public?asOf=2022-04-30"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.region == '21')].agreements").value(7))
                .andExpect(jsonPath("$[?(@.region == '21')].employed").value(org.hamcrest.Matchers.contains(nullValue())))
                .andExpect(jsonPath("$[?(@.region == '21')].suppressed[*]").value(org.hamcrest.Matchers.hasItems("employed", "openMarketShare")))
                .andExpect(jsonPath("$[?(@.region == '21')].openMarketShare").value(org.hamcrest.Matchers.contains(nullValue())))
                .andExpect(jsonPath("$[0].jobClients").doesNotExist())
                .andExpect(jsonPath("$[?(@.region == '21')].jobEndsByReason.HEALTH").value(org.hamcrest.Matchers.contains(0)))
                .andExpect(jsonPath("$[?(@.region == '20')].agreements").value(org.hamcrest.Matchers.contains(nullValue())));
    }

    /** Open figures of two days a day apart would show one client's change: they are of a month's end only. */
    @Test
    void thePublicFiguresAreOfAMonthsEnd() throws Exception {
        mvc.perform(get("/api/v1/outcomes/public?asOf=2021-03-15"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].asOf").value("2021-02-28"));
        mvc.perform(get("/api/v1/outcomes/public?asOf=2021-03-31"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].asOf").value("2021-03-31"));
    }

    @Test
    void badQueriesAndWrongCallersAreRefused() throws Exception {
        problem(mvc.perform(get("/api/v1/outcomes/national")), 401, "authentication-required");
        problem(mvc.perform(get("/api/v1/outcomes/regions/99").with(coordinator())), 404, "not-found");
        problem(mvc.perform(get("/api/v1/outcomes/national?asOf=2999-01-01").with(coordinator())), 422, "date-in-future");
        problem(mvc.perform(get("/api/v1/outcomes/monthly?from=2022-05&to=2022-01").with(coordinator())), 422, "period-order");
        // At most 240 months, from and to included.
        mvc.perform(get("/api/v1/outcomes/monthly?from=2002-01&to=2021-12").with(coordinator()))
                .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(240)));
        problem(mvc.perform(get("/api/v1/outcomes/monthly?from=2002-01&to=2022-01").with(coordinator())), 422, "period-too-long");
        problem(mvc.perform(get("/api/v1/outcomes/monthly?from=2022-1&to=2022-03").with(coordinator())), 400, "format")
                .andExpect(jsonPath("$.detail", org.hamcrest.Matchers.endsWith("it must be a month as 2022-04")));
        problem(mvc.perform(get("/api/v1/outcomes/national?asOf=yesterday").with(coordinator())), 400, "format")
                .andExpect(jsonPath("$.errors[0].field").value("asOf"));
        problem(mvc.perform(get("/api/v1/outcomes/monthly?from=2022-01").with(coordinator())), 400, "required")
                .andExpect(jsonPath("$.errors[0].field").value("to"));
    }
}
