package fi.ips.outcomes.kpi;

import fi.ips.events.JobEndReason;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures for anyone but the coordinator and the county itself: a count of 1–4 clients, and any
 * rate or time computed from 1–4 clients, is replaced by null and named in {@code suppressed}, so
 * that nobody can be recognised and nothing shows as zero that is not. Figures of jobs are told by
 * the clients behind them, not by the jobs (one client can have five), and a share or median of jobs
 * is also suppressed when one client holds half or more of those jobs.
 */
final class SmallCellSuppression {

    static final int THRESHOLD = 5;

    private SmallCellSuppression() {
    }

    static Map<String, Object> apply(OutcomeFigures f) {
        Map<String, Object> row = new LinkedHashMap<>();
        List<String> suppressed = new ArrayList<>();
        row.put("region", f.region());
        row.put("name", f.name());
        row.put("asOf", f.asOf());
        count(row, suppressed, "referrals", f.referrals());
        count(row, suppressed, "agreements", f.agreements());
        count(row, suppressed, "employed", f.employed());
        rate(row, suppressed, "employmentRate", f.employmentRate(), f.employed(), f.agreements());
        count(row, suppressed, "employedNow", f.employedNow());
        count(row, suppressed, "activeCaseload", f.activeCaseload());
        period(row, suppressed, "paidWithin6Months", f.paidWithin6Months());
        period(row, suppressed, "attachedWithin6Months", f.attachedWithin6Months());
        period(row, suppressed, "paidWithin12Months", f.paidWithin12Months());
        period(row, suppressed, "attachedWithin12Months", f.attachedWithin12Months());
        rate(row, suppressed, "meanDaysToFirstJob", f.meanDaysToFirstJob(), f.employed(), f.employed());
        rate(row, suppressed, "medianDaysToFirstJob", f.medianDaysToFirstJob(), f.employed(), f.employed());
        rate(row, suppressed, "referralToAgreementRate", f.referralToAgreementRate(), f.agreements(), f.referrals());
        OutcomeFigures.JobClients clients = f.jobClients();
        long endedJobs = f.jobEndsByReason().values().stream().mapToLong(Long::longValue).sum();
        shown(row, suppressed, "openMarketShare", f.openMarketShare(), !small(clients.withOpenMarketJob()) && !small(f.employed())
                && !dominated(clients.mostPaidStartsOfOneClient(), clients.paidStarts()));
        shown(row, suppressed, "medianJobTenureDays", f.medianJobTenureDays(), !small(clients.withEndedJob())
                && !dominated(clients.mostEndedJobsOfOneClient(), endedJobs));
        // Every reason, 0 where no job ended for it: a reason that appears only once a job ends for it would tell
        // that one did, hidden count or not.
        Map<JobEndReason, Long> ends = new EnumMap<>(JobEndReason.class);
        for (JobEndReason reason : JobEndReason.values()) {
            long jobs = f.jobEndsByReason().getOrDefault(reason, 0L);
            long ofClients = clients.byEndReason().getOrDefault(reason, 0L);
            if (small(jobs) || small(ofClients) || jobs > 0 && ofClients == 0) {
                suppressed.add("jobEndsByReason." + reason.name());
                ends.put(reason, null);
            } else {
                ends.put(reason, jobs);
            }
        }
        row.put("jobEndsByReason", ends);
        row.put("suppressed", suppressed);
        return row;
    }

    private static boolean small(long count) {
        return count > 0 && count < THRESHOLD;
    }

    /** One client holds half or more of the jobs a figure comes from: the figure tells of that client's jobs. */
    private static boolean dominated(long mostOfOneClient, long jobs) {
        return jobs > 0 && 2 * mostOfOneClient >= jobs;
    }

    private static void count(Map<String, Object> row, List<String> suppressed, String name, long value) {
        shown(row, suppressed, name, value, !small(value));
    }

    /** A rate (or an average) is suppressed when its numerator or its denominator is a small count. */
    private static void rate(Map<String, Object> row, List<String> suppressed, String name, Double value, long numerator, long denominator) {
        shown(row, suppressed, name, value, !small(numerator) && !small(denominator));
    }

    private static void period(Map<String, Object> row, List<String> suppressed, String name, OutcomeFigures.WithinPeriod p) {
        shown(row, suppressed, name, p, !small(p.eligible()) && !small(p.count()));
    }

    /** The value, or null and its name in {@code suppressed} when it is not safe to show. */
    private static void shown(Map<String, Object> row, List<String> suppressed, String name, Object value, boolean safe) {
        if (safe) {
            row.put(name, value);
        } else {
            suppressed.add(name);
            row.put(name, null);
        }
    }
}
