package fi.ips.outcomes.kpi;

import fi.ips.events.JobEndReason;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SmallCellSuppressionTest {

    private static final OutcomeFigures.WithinPeriod NONE = new OutcomeFigures.WithinPeriod(0, 0, null);
    private static final OutcomeFigures.JobClients NO_JOBS = new OutcomeFigures.JobClients(0, 0, Map.of());

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
        // 40 employed; 4 of them hold the 12 open-market starts; 6 clients' 9 jobs ended, 3 of them dismissed from 5 jobs.
        OutcomeFigures figures = new OutcomeFigures("08", "Pirkanmaan hyvinvointialue", LocalDate.of(2022, 4, 30),
                150, 120, 40, 40.0 / 120, 30, 100, 12.0 / 50, NONE, NONE, NONE, NONE, null, null, 180.0,
                Map.of(JobEndReason.DISMISSED, 5L, JobEndReason.CONTRACT_ENDED, 4L), 0.8,
                new OutcomeFigures.JobClients(4, 6, Map.of(JobEndReason.DISMISSED, 3L, JobEndReason.CONTRACT_ENDED, 5L)));

        Map<String, Object> row = SmallCellSuppression.apply(figures);

        assertThat(row).containsEntry("openMarketShare", null).containsEntry("medianJobTenureDays", 180.0);
        assertThat((Map<JobEndReason, Long>) row.get("jobEndsByReason"))
                .containsEntry(JobEndReason.DISMISSED, null).containsEntry(JobEndReason.CONTRACT_ENDED, 4L).hasSize(2);
        assertThat((List<String>) row.get("suppressed")).containsExactlyInAnyOrder("openMarketShare", "jobEndsByReason.DISMISSED");

        Map<String, Object> many = SmallCellSuppression.apply(new OutcomeFigures("08", "Pirkanmaan hyvinvointialue", LocalDate.of(2022, 4, 30),
                150, 120, 40, 40.0 / 120, 30, 100, 12.0 / 50, NONE, NONE, NONE, NONE, null, null, 180.0,
                Map.of(JobEndReason.DISMISSED, 5L), 0.8, new OutcomeFigures.JobClients(5, 2, Map.of(JobEndReason.DISMISSED, 5L))));
        assertThat(many).containsEntry("openMarketShare", 12.0 / 50).containsEntry("medianJobTenureDays", null);
        assertThat((List<String>) many.get("suppressed")).containsExactly("medianJobTenureDays");
    }
}
