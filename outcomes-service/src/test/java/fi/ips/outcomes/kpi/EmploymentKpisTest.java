package fi.ips.outcomes.kpi;

import fi.ips.events.JobType;
import fi.ips.events.Region;
import fi.ips.outcomes.journey.ClientJourneys;
import fi.ips.outcomes.journey.JourneyChanged;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import static fi.ips.outcomes.kpi.KpiCalculatorTest.client;
import static fi.ips.outcomes.kpi.KpiCalculatorTest.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
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

    @Test
    void figuresAreComputedOnceUntilAClientOfTheirRegionChanges() {
        when(journeys.summaries("21")).thenReturn(List.of(client(LocalDate.of(2022, 1, 15))));
        LocalDate asOf = LocalDate.of(2022, 3, 31);

        assertThat(kpis.region(Region.LAPPI, asOf).agreements()).isEqualTo(1L);
        kpis.on(new JourneyChanged("14"));
        assertThat(kpis.region(Region.LAPPI, asOf).agreements()).isEqualTo(1L);
        verify(journeys, times(1)).summaries("21");

        when(journeys.summaries("21")).thenReturn(List.of(client(LocalDate.of(2022, 1, 15)), client(LocalDate.of(2022, 2, 1))));
        kpis.on(new JourneyChanged("21"));
        assertThat(kpis.region(Region.LAPPI, asOf).agreements()).isEqualTo(2L);
        verify(journeys, never()).forget(any());
    }

    @Test
    void theNationalFiguresChangeWithAnyRegion() {
        when(journeys.summaries(null)).thenReturn(List.of(client(LocalDate.of(2022, 1, 15))));
        LocalDate asOf = LocalDate.of(2022, 3, 31);
        assertThat(kpis.national(asOf).agreements()).isEqualTo(1L);

        when(journeys.summaries(null)).thenReturn(List.of(client(LocalDate.of(2022, 1, 15)), client(LocalDate.of(2022, 2, 1))));
        kpis.forget(Set.of("14"));

        assertThat(kpis.national(asOf).agreements()).isEqualTo(2L);
        verify(journeys).forget(Set.of("14"));
    }

    @Test
    void figuresComputedWhileAChangeArrivesAreNotKept() {
        LocalDate asOf = LocalDate.of(2022, 3, 31);
        when(journeys.summaries("21")).thenAnswer(call -> {
            kpis.on(new JourneyChanged("21"));
            return List.of(client(LocalDate.of(2022, 1, 15)));
        });

        kpis.region(Region.LAPPI, asOf);
        kpis.region(Region.LAPPI, asOf);

        verify(journeys, times(2)).summaries("21");
    }
}
