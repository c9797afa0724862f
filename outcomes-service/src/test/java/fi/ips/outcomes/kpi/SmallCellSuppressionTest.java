package fi.ips.outcomes.kpi;

import fi.ips.events.JobEndReason;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SmallCellSuppressionTest {

    private static final OutcomeFigures.WithinPeriod NONE = new OutcomeFigures.WithinPeriod(0, 0, null);
    private static final OutcomeFigures.JobClients NO_JOBS = new OutcomeFigures.JobClients(0, 0, Map.of(), 0, 0, 0);

    @Test
    void countsOfOneToFourAndRatesFromThemAreSuppressedNeverShownAsZero() {
        OutcomeFigures figures = new OutcomeFigures("20", "Kainuun hyvinvointialue", LocalDate.of(2022, 4, 30),
                12, 9, 3, 3.0 / 9, 2, 8, 1.0, new OutcomeFigures.WithinPeriod(6, 2, 2.0 / 6), NONE, NONE, NONE,
                40.0, 35.0, null, Map.of(), 0.75, NO_JOBS);

        Map<String, Object> row = SmallCellSuppression.apply(figures);

        assertThat(row).containsEntry("referrals", 12L).containsEntry("agreements", 9L).containsEntry("activeCaseload", 8L)
                .containsEntry("employed", null).containsEntry("employmentRate", null).containsEntry("employedNow", null)
                .containsEntry("paidWithin6Months", null).containsEntry("meanDaysToFirstJob", null)
                .containsEntry("referralToAgreementRate", 0.75)
                .containsEntry("attachedWithin6Months", NONE);
        assertThat((List<String>) row.get("suppressed"))
                .containsExactlyInAnyOrder("employed", "employmentRate", "employedNow", "paidWithin6Months",
                        "meanDaysToFirstJob", "medianDaysToFirstJob", "openMarketShare");
    }

    @Test
    void zeroAndFiveAndMoreAreShown() {
        OutcomeFigures figures = new OutcomeFigures(null, "Koko maa", LocalDate.of(2022, 4, 30),
                0, 5, 5, 1.0, 0, 5, null, NONE, NONE, NONE, NONE, null, null, null, Map.of(), null, NO_JOBS);

        Map<String, Object> row = SmallCellSuppression.apply(figures);

        assertThat(row).containsEntry("referrals", 0L).containsEntry("agreements", 5L).containsEntry("employmentRate", 1.0);
        assertThat((List<String>) row.get("suppressed")).isEmpty();
    }

    @Test
    void jobFiguresAreToldByTheClientsBehindThemNotByTheJobs() {
        // 40 employed with 50 paid starts, 4 of them holding the 12 in the open market; 6 clients' 11 ended jobs:
        // 3 clients dismissed from 5 jobs, 5 clients' 6 contracts ended.
        Map<String, Object> row = SmallCellSuppression.apply(figures(12.0 / 50, 180.0,
                Map.of(JobEndReason.DISMISSED, 5L, JobEndReason.CONTRACT_ENDED, 6L),
                new OutcomeFigures.JobClients(4, 6, Map.of(JobEndReason.DISMISSED, 3L, JobEndReason.CONTRACT_ENDED, 5L), 50, 2, 3)));

        assertThat(row).containsEntry("openMarketShare", null).containsEntry("medianJobTenureDays", 180.0);
        assertThat((Map<JobEndReason, Long>) row.get("jobEndsByReason"))
                .containsEntry(JobEndReason.DISMISSED, null).containsEntry(JobEndReason.CONTRACT_ENDED, 6L)
                .containsEntry(JobEndReason.HEALTH, 0L).hasSize(JobEndReason.values().length);
        assertThat((List<String>) row.get("suppressed")).containsExactlyInAnyOrder("openMarketShare", "jobEndsByReason.DISMISSED");

        // 5 clients hold open-market jobs; only 2 clients' 4 jobs ended, 3 of them a contract's end.
        Map<String, Object> few = SmallCellSuppression.apply(figures(12.0 / 50, 180.0, Map.of(JobEndReason.CONTRACT_ENDED, 4L),
                new OutcomeFigures.JobClients(5, 2, Map.of(JobEndReason.CONTRACT_ENDED, 2L), 50, 2, 3)));
        assertThat(few).containsEntry("openMarketShare", 12.0 / 50).containsEntry("medianJobTenureDays", null);
        assertThat((List<String>) few.get("suppressed")).containsExactlyInAnyOrder("medianJobTenureDays", "jobEndsByReason.CONTRACT_ENDED");
    }

    @Test
    void aShareOrMedianOfJobsIsSuppressedWhenOneClientHoldsHalfOfThemOrMore() {
        // 6 clients' 10 ended jobs, 5 of them one client's: the median tells of that client's jobs. Likewise 25 of the 50 starts.
        Map<String, Object> row = SmallCellSuppression.apply(figures(12.0 / 50, 63.5, Map.of(JobEndReason.CONTRACT_ENDED, 10L),
                new OutcomeFigures.JobClients(5, 6, Map.of(JobEndReason.CONTRACT_ENDED, 6L), 50, 25, 5)));
        assertThat(row).containsEntry("openMarketShare", null).containsEntry("medianJobTenureDays", null);
        assertThat((Map<JobEndReason, Long>) row.get("jobEndsByReason")).containsEntry(JobEndReason.CONTRACT_ENDED, 10L);
        assertThat((List<String>) row.get("suppressed")).containsExactlyInAnyOrder("openMarketShare", "medianJobTenureDays");

        // One job short of half: shown.
        Map<String, Object> shown = SmallCellSuppression.apply(figures(12.0 / 50, 63.5, Map.of(JobEndReason.CONTRACT_ENDED, 10L),
                new OutcomeFigures.JobClients(5, 6, Map.of(JobEndReason.CONTRACT_ENDED, 6L), 50, 24, 4)));
        assertThat(shown).containsEntry("openMarketShare", 12.0 / 50).containsEntry("medianJobTenureDays", 63.5);
        assertThat((List<String>) shown.get("suppressed")).isEmpty();
    }

    /** A region of 120 agreements and 40 employed, with the given figures of jobs. */
    private static OutcomeFigures figures(Double openMarketShare, Double medianTenure, Map<JobEndReason, Long> ends,
                                          OutcomeFigures.JobClients clients) {
        return new OutcomeFigures("08", "Pirkanmaan hyvinvointialue", LocalDate.of(2022, 4, 30),
                150, 120, 40, 40.0 / 120, 30, 100, openMarketShare, NONE, NONE, NONE, NONE, null, null, medianTenure, ends, 0.8, clients);
    }
}
