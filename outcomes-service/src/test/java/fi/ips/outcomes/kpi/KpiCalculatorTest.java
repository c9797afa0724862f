package fi.ips.outcomes.kpi;

import fi.ips.events.JobEndReason;
import fi.ips.events.JobType;
import fi.ips.events.Region;
import fi.ips.outcomes.journey.JourneySummary;
import fi.ips.outcomes.journey.JourneySummary.Job;
import fi.ips.outcomes.journey.JourneySummary.Studies;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each KPI definition (README.md, The outcomes API), with its edge cases. */
class KpiCalculatorTest {

    private static final LocalDate D = LocalDate.of(2022, 4, 30);
    private static final LocalDate REFERRED = LocalDate.of(2021, 9, 1);
    private static final LocalDate SIGNED = LocalDate.of(2021, 10, 1);

    @Test
    void employmentRateIsClientsWithAPaidJobOverClientsWithAnAgreement() {
        OutcomeFigures f = figures(
                client(SIGNED, job(JobType.PAID_OPEN_MARKET, SIGNED.plusDays(30), null)),
                client(SIGNED, job(JobType.WORK_TRIAL, SIGNED.plusDays(10), null)),
                client(SIGNED),
                client(null));

        assertThat(f.referrals()).isEqualTo(4);
        assertThat(f.agreements()).isEqualTo(3);
        assertThat(f.employed()).isEqualTo(1);
        assertThat(f.employmentRate()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(f.referralToAgreementRate()).isEqualTo(0.75);
    }

    @Test
    void onlyWhatHappenedOnOrBeforeTheDateCounts() {
        OutcomeFigures f = figures(
                client(D, job(JobType.PAID_OPEN_MARKET, D, null)),
                client(D.plusDays(1), job(JobType.PAID_OPEN_MARKET, D.plusDays(2), null)),
                client(SIGNED, job(JobType.PAID_OPEN_MARKET, D.plusDays(1), null)));

        assertThat(f.agreements()).isEqualTo(2);
        assertThat(f.employed()).isEqualTo(1);
    }

    @Test
    void aClientWithSeveralOrOverlappingJobsCountsOnce() {
        OutcomeFigures f = figures(client(SIGNED,
                job(JobType.PAID_OPEN_MARKET, SIGNED.plusDays(10), null),
                job(JobType.PAID_SUPPORTED, SIGNED.plusDays(20), null),
                job(JobType.PAID_OPEN_MARKET, SIGNED.plusDays(100), SIGNED.plusDays(150))));

        assertThat(f.employed()).isEqualTo(1);
        assertThat(f.employedNow()).isEqualTo(1);
        assertThat(f.openMarketShare()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(f.medianDaysToFirstJob()).isEqualTo(10.0);
    }

    @Test
    void aJobHeldBeforeTheAgreementIsEmploymentNowButNotAnIpsOutcome() {
        OutcomeFigures f = figures(client(SIGNED, job(JobType.PAID_OPEN_MARKET, SIGNED.minusDays(200), null)));

        assertThat(f.employed()).isZero();
        assertThat(f.employedNow()).isEqualTo(1);
        assertThat(f.openMarketShare()).isNull();
        assertThat(f.attachedWithin6Months().count()).isZero();
    }

    @Test
    void aVoidedClientCountsNowhere() {
        JourneySummary voided = new JourneySummary(Region.LAPPI, true, REFERRED, SIGNED, null,
                List.of(job(JobType.PAID_OPEN_MARKET, SIGNED.plusDays(1), null)), List.of());

        OutcomeFigures f = figures(voided);

        assertThat(f.referrals()).isZero();
        assertThat(f.agreements()).isZero();
        assertThat(f.employmentRate()).isNull();
    }

    @Test
    void employedNowAndActiveCaseloadAreStatesOnTheDate() {
        OutcomeFigures f = figures(
                client(SIGNED, job(JobType.PAID_OPEN_MARKET, SIGNED.plusDays(10), D)),
                client(SIGNED, job(JobType.PAID_OPEN_MARKET, SIGNED.plusDays(10), D.minusDays(1))),
                new JourneySummary(Region.LAPPI, false, REFERRED, SIGNED, D, List.of(), List.of()),
                new JourneySummary(Region.LAPPI, false, REFERRED, SIGNED, D.plusDays(1), List.of(), List.of()));

        assertThat(f.employedNow()).isEqualTo(1);
        assertThat(f.activeCaseload()).isEqualTo(3);
    }

    @Test
    void sixMonthOutcomesCountOnlyClientsWhoseAgreementIsSixMonthsOld() {
        LocalDate sixMonthsAgo = D.minusMonths(6);
        OutcomeFigures f = figures(
                client(sixMonthsAgo, job(JobType.PAID_OPEN_MARKET, sixMonthsAgo.plusMonths(6), null)),
                client(sixMonthsAgo, job(JobType.WORK_TRIAL, sixMonthsAgo.plusDays(40), null)),
                client(sixMonthsAgo.minusDays(10), job(JobType.PAID_OPEN_MARKET, sixMonthsAgo.plusMonths(6), null)),
                new JourneySummary(Region.LAPPI, false, REFERRED, sixMonthsAgo, null, List.of(),
                        List.of(new Studies("s", sixMonthsAgo.plusDays(5), null))),
                // 2021-11-01: six months later is after the date (2021-10-31 would still be in: April has 30 days)
                client(sixMonthsAgo.plusDays(2), job(JobType.PAID_OPEN_MARKET, sixMonthsAgo.plusDays(3), null)));

        assertThat(f.paidWithin6Months()).isEqualTo(new OutcomeFigures.WithinPeriod(4, 1, 0.25));
        assertThat(f.attachedWithin6Months()).isEqualTo(new OutcomeFigures.WithinPeriod(4, 3, 0.75));
        assertThat(f.paidWithin12Months().eligible()).isZero();
        assertThat(f.paidWithin12Months().rate()).isNull();
    }

    @Test
    void timeToFirstJobAndTenure() {
        OutcomeFigures f = figures(
                client(SIGNED, job(JobType.PAID_OPEN_MARKET, SIGNED.plusDays(10), SIGNED.plusDays(110))),
                client(SIGNED, job(JobType.PAID_SUPPORTED, SIGNED.plusDays(20), SIGNED.plusDays(40))),
                client(SIGNED, job(JobType.PAID_OPEN_MARKET, SIGNED.plusDays(60), null),
                        job(JobType.VOLUNTEER, SIGNED.plusDays(1), SIGNED.plusDays(2))));

        assertThat(f.meanDaysToFirstJob()).isEqualTo(30.0);
        assertThat(f.medianDaysToFirstJob()).isEqualTo(20.0);
        assertThat(f.medianJobTenureDays()).isEqualTo(60.0);
        assertThat(f.jobEndsByReason()).isEqualTo(Map.of(JobEndReason.CONTRACT_ENDED, 2L));
    }

    @Test
    void noClientsGiveZerosAndNoRates() {
        OutcomeFigures f = figures();

        assertThat(f.agreements()).isZero();
        assertThat(f.employmentRate()).isNull();
        assertThat(f.meanDaysToFirstJob()).isNull();
        assertThat(f.medianJobTenureDays()).isNull();
        assertThat(f.referralToAgreementRate()).isNull();
    }

    private static OutcomeFigures figures(JourneySummary... clients) {
        return KpiCalculator.figures("21", "Lapin hyvinvointialue", D, List.of(clients));
    }

    /** A referred client, with an agreement signed on {@code signedOn} (null: none), and jobs. */
    static JourneySummary client(LocalDate signedOn, Job... jobs) {
        return new JourneySummary(Region.LAPPI, false, REFERRED, signedOn, null, List.of(jobs), List.of());
    }

    static Job job(JobType type, LocalDate startedOn, LocalDate endedOn) {
        return new Job("j-" + System.nanoTime(), type, startedOn, endedOn, endedOn == null ? null : JobEndReason.CONTRACT_ENDED);
    }
}
