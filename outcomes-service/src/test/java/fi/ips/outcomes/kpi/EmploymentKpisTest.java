package fi.ips.outcomes.kpi;

import fi.ips.events.JobType;
import fi.ips.events.Region;
import fi.ips.outcomes.journey.ClientJourneys;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static fi.ips.outcomes.kpi.KpiCalculatorTest.client;
import static fi.ips.outcomes.kpi.KpiCalculatorTest.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class EmploymentKpisTest {

    private final ClientJourneys journeys = mock(ClientJourneys.class);
    private final EmploymentKpis kpis = new EmploymentKpis(journeys);

    @Test
    void monthlyFiguresAreAsOfEachMonthsEndAndTodayForTheCurrentMonth() {
        when(journeys.summaries("21")).thenReturn(List.of(
                client(LocalDate.of(2022, 1, 15), job(JobType.PAID_OPEN_MARKET, LocalDate.of(2022, 3, 1), null)),
                client(LocalDate.of(2022, 2, 28))));

        List<OutcomeFigures> months = kpis.monthly(Region.LAPPI, YearMonth.of(2022, 1), YearMonth.of(2022, 3), LocalDate.of(2022, 3, 20));

        assertThat(months).extracting(OutcomeFigures::asOf)
                .containsExactly(LocalDate.of(2022, 1, 31), LocalDate.of(2022, 2, 28), LocalDate.of(2022, 3, 20));
        assertThat(months).extracting(OutcomeFigures::agreements).containsExactly(1L, 2L, 2L);
        assertThat(months).extracting(OutcomeFigures::employed).containsExactly(0L, 0L, 1L);
    }

    @Test
    void everyRegionHasARowAndTheNationalRowComesLast() {
        when(journeys.summaries(null)).thenReturn(List.of(client(LocalDate.of(2022, 1, 15))));

        List<OutcomeFigures> rows = kpis.allRegions(LocalDate.of(2022, 4, 30));

        assertThat(rows).hasSize(Region.values().length + 1);
        assertThat(rows.get(rows.size() - 1).region()).isNull();
        assertThat(rows.get(rows.size() - 1).agreements()).isEqualTo(1);
        assertThat(rows.stream().filter(r -> "21".equals(r.region())).findFirst().orElseThrow().agreements()).isEqualTo(1);
        assertThat(rows.stream().filter(r -> "01".equals(r.region())).findFirst().orElseThrow().agreements()).isZero();
    }
}
