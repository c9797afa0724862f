package fi.ips.outcomes.kpi;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SmallCellSuppressionTest {

    private static final OutcomeFigures.WithinPeriod NONE = new OutcomeFigures.WithinPeriod(0, 0, null);

    @Test
    void countsOfOneToFourAndRatesFromThemAreSuppressedNeverShownAsZero() {
        OutcomeFigures figures = new OutcomeFigures("20", "Kainuun hyvinvointialue", LocalDate.of(2022, 4, 30),
                12, 9, 3, 3.0 / 9, 2, 8, 1.0, new OutcomeFigures.WithinPeriod(6, 2, 2.0 / 6), NONE, NONE, NONE,
                40.0, 35.0, null, Map.of(), 0.75);

        Map<String, Object> row = SmallCellSuppression.apply(figures);

        assertThat(row).containsEntry("referrals", 12L).containsEntry("agreements", 9L).containsEntry("activeCaseload", 8L)
                .containsEntry("employed", null).containsEntry("employmentRate", null).containsEntry("employedNow", null)
                .containsEntry("paidWithin6Months", null).containsEntry("meanDaysToFirstJob", null)
                .containsEntry("referralToAgreementRate", 0.75)
                .containsEntry("attachedWithin6Months", NONE);
        assertThat((List<String>) row.get("suppressed"))
                .containsExactlyInAnyOrder("employed", "employmentRate", "employedNow", "paidWithin6Months",
                        "meanDaysToFirstJob", "medianDaysToFirstJob");
    }

    @Test
    void zeroAndFiveAndMoreAreShown() {
        OutcomeFigures figures = new OutcomeFigures(null, "Koko maa", LocalDate.of(2022, 4, 30),
                0, 5, 5, 1.0, 0, 5, null, NONE, NONE, NONE, NONE, null, null, null, Map.of(), null);

        Map<String, Object> row = SmallCellSuppression.apply(figures);

        assertThat(row).containsEntry("referrals", 0L).containsEntry("agreements", 5L).containsEntry("employmentRate", 1.0);
        assertThat((List<String>) row.get("suppressed")).isEmpty();
    }
}
