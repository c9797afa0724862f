package fi.ips.outcomes.kpi;

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
 */
public record OutcomeFigures(String region, String name, LocalDate asOf,
                             long referrals, long agreements, long employed, Double employmentRate,
                             long employedNow, long activeCaseload, Double openMarketShare,
                             WithinPeriod paidWithin6Months, WithinPeriod attachedWithin6Months,
                             WithinPeriod paidWithin12Months, WithinPeriod attachedWithin12Months,
                             Double meanDaysToFirstJob, Double medianDaysToFirstJob, Double medianJobTenureDays,
                             Map<JobEndReason, Long> jobEndsByReason, Double referralToAgreementRate) {

    /**
     * An outcome within a period after the agreement.
     *
     * @param eligible clients whose agreement is at least the period old
     * @param count    of those, clients with the outcome within the period
     */
    public record WithinPeriod(long eligible, long count, Double rate) {
    }
}
