package fi.ips.outcomes.kpi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import fi.ips.events.JobEndReason;

import java.time.LocalDate;
import java.util.Map;

/**
 * The KPIs of a region, or of the whole country, as of a date (event time). Rates are fractions
 * 0–1, null where there is nothing to divide by.
 *
 * @param region                  the county code, null for the national row
 * @param agreements              clients whose agreement was signed on or before {@code asOf}
 * @param employed                of those, clients with a paid job found through IPS started on or before {@code asOf}
 * @param employedNow             of those, clients with a paid job (found through IPS or held before) ongoing on {@code asOf}
 * @param activeCaseload          agreement signed, service not ended, on {@code asOf}
 * @param openMarketShare         of the paid job starts found through IPS, the share in the open labour market
 * @param medianJobTenureDays     of the paid jobs that ended on or before {@code asOf}
 * @param jobEndsByReason         of the same jobs
 * @param referralToAgreementRate agreements / referrals
 * @param jobClients              how many clients the job figures come from: not shown, but what the
 *                                open data needs to tell a small cell ({@link SmallCellSuppression})
 */
public record OutcomeFigures(String region, String name, LocalDate asOf,
                             long referrals, long agreements, long employed, Double employmentRate,
                             long employedNow, long activeCaseload, Double openMarketShare,
                             WithinPeriod paidWithin6Months, WithinPeriod attachedWithin6Months,
                             WithinPeriod paidWithin12Months, WithinPeriod attachedWithin12Months,
                             Double meanDaysToFirstJob, Double medianDaysToFirstJob, Double medianJobTenureDays,
                             Map<JobEndReason, Long> jobEndsByReason, Double referralToAgreementRate,
                             @JsonIgnore JobClients jobClients) {

    /**
     * Clients behind the job figures, counted once however many jobs they had, and how many of the
     * jobs the client with the most holds.
     *
     * @param withOpenMarketJob         of the employed, clients with a paid job in the open labour market found through IPS
     * @param withEndedJob              clients with a paid job that ended on or before {@code asOf}
     * @param byEndReason               the same, per reason of their ended jobs' ends
     * @param paidStarts                the paid job starts found through IPS (those of {@code openMarketShare})
     * @param mostPaidStartsOfOneClient of those, the most that one client has
     * @param mostEndedJobsOfOneClient  of the ended paid jobs (those of {@code medianJobTenureDays}), the most that one client has
     */
    public record JobClients(long withOpenMarketJob, long withEndedJob, Map<JobEndReason, Long> byEndReason,
                             long paidStarts, long mostPaidStartsOfOneClient, long mostEndedJobsOfOneClient) {
    }

    /**
     * An outcome within a period after the agreement.
     *
     * @param eligible clients whose agreement is at least the period old
     * @param count    of those, clients with the outcome within the period
     */
    public record WithinPeriod(long eligible, long count, Double rate) {
    }
}
