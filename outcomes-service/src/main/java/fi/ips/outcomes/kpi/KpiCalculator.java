package fi.ips.outcomes.kpi;

import fi.ips.events.JobEndReason;
import fi.ips.events.JobType;
import fi.ips.outcomes.journey.JourneySummary;
import fi.ips.outcomes.journey.JourneySummary.Job;
import fi.ips.outcomes.journey.JourneySummary.Studies;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The KPI definitions of the national IPS project (README.md, The outcomes API), applied to client
 * journeys as of a date. Voided clients count nowhere; only what happened on or before the date
 * counts. A job is found through IPS when it started on or after the agreement; one held before
 * (job retention) is employment now, but not an IPS outcome.
 */
public final class KpiCalculator {

    private KpiCalculator() {
    }

    /** @param region the county code, null for the national row */
    public static OutcomeFigures figures(String region, String name, LocalDate asOf, Collection<JourneySummary> journeys) {
        Tally tally = new Tally(asOf);
        for (JourneySummary client : journeys) {
            if (!client.voided()) {
                tally.add(client);
            }
        }
        return tally.figures(region, name);
    }

    /**
     * The figures' counts, gathered in one pass over the clients: the monthly figures and a
     * dashboard's table work them out over every client of the country for each month and region.
     */
    private static final class Tally {

        private final LocalDate asOf;
        private long referrals;
        private long agreements;
        private long employed;
        private long employedNow;
        private long activeCaseload;
        private long paidStarts;
        private long openMarketStarts;
        private long withOpenMarketJob;
        private long withEndedJob;
        private long mostPaidStartsOfOneClient;
        private long mostEndedJobsOfOneClient;
        private final List<Double> daysToFirstJob = new ArrayList<>();
        private final List<Double> tenures = new ArrayList<>();
        private final Map<JobEndReason, Long> endsByReason = new EnumMap<>(JobEndReason.class);
        private final Map<JobEndReason, Long> clientsByEndReason = new EnumMap<>(JobEndReason.class);
        /** Within 6 and 12 months: [0] eligible, [1] a paid job, [2] any job or studies. */
        private final long[] within6 = new long[3];
        private final long[] within12 = new long[3];

        Tally(LocalDate asOf) {
            this.asOf = asOf;
        }

        void add(JourneySummary client) {
            if (onOrBefore(client.referredOn(), asOf)) {
                referrals++;
            }
            LocalDate signed = client.agreementSignedOn();
            if (!onOrBefore(signed, asOf)) {
                return;
            }
            agreements++;
            if (client.serviceEndedOn() == null || client.serviceEndedOn().isAfter(asOf)) {
                activeCaseload++;
            }
            LocalDate firstPaid = null;
            boolean now = false;
            boolean openMarket = false;
            long started = 0;
            long ended = 0;
            Set<JobEndReason> endedFor = EnumSet.noneOf(JobEndReason.class);
            for (Job job : client.jobs()) {
                if (!job.type().isPaid()) {
                    continue;
                }
                boolean startedByThen = onOrBefore(job.startedOn(), asOf);
                if (startedByThen && (job.endedOn() == null || !job.endedOn().isBefore(asOf))) {
                    now = true;
                }
                // Found through IPS: started on or after the agreement (one held before is retention, not an outcome).
                if (startedByThen && !job.startedOn().isBefore(signed)) {
                    started++;
                    if (job.type() == JobType.PAID_OPEN_MARKET) {
                        openMarketStarts++;
                        openMarket = true;
                    }
                    if (firstPaid == null || job.startedOn().isBefore(firstPaid)) {
                        firstPaid = job.startedOn();
                    }
                }
                if (onOrBefore(job.endedOn(), asOf)) {
                    ended++;
                    tenures.add((double) ChronoUnit.DAYS.between(job.startedOn(), job.endedOn()));
                    endsByReason.merge(job.endReason(), 1L, Long::sum);
                    endedFor.add(job.endReason());
                }
            }
            if (firstPaid != null) {
                employed++;
                daysToFirstJob.add((double) ChronoUnit.DAYS.between(signed, firstPaid));
            }
            if (now) {
                employedNow++;
            }
            paidStarts += started;
            mostPaidStartsOfOneClient = Math.max(mostPaidStartsOfOneClient, started);
            mostEndedJobsOfOneClient = Math.max(mostEndedJobsOfOneClient, ended);
            withOpenMarketJob += openMarket ? 1 : 0;
            withEndedJob += ended > 0 ? 1 : 0;
            endedFor.forEach(reason -> clientsByEndReason.merge(reason, 1L, Long::sum));
            within(client, signed, 6, within6);
            within(client, signed, 12, within12);
        }

        /**
         * Among clients whose agreement is at least {@code months} old on the date: those with an
         * outcome (a paid job; any job or studies: attachment to working life or studies) starting
         * within that time after the agreement.
         */
        private void within(JourneySummary client, LocalDate signed, int months, long[] counts) {
            LocalDate end = signed.plusMonths(months);
            if (end.isAfter(asOf)) {
                return;
            }
            counts[0]++;
            boolean paid = false;
            boolean any = false;
            for (Job job : client.jobs()) {
                if (between(job.startedOn(), signed, end)) {
                    any = true;
                    paid |= job.type().isPaid();
                }
            }
            for (Studies studies : client.studies()) {
                any |= between(studies.startedOn(), signed, end);
            }
            counts[1] += paid ? 1 : 0;
            counts[2] += any ? 1 : 0;
        }

        OutcomeFigures figures(String region, String name) {
            return new OutcomeFigures(region, name, asOf, referrals, agreements, employed, rate(employed, agreements),
                    employedNow, activeCaseload, rate(openMarketStarts, paidStarts),
                    period(within6, 1), period(within6, 2), period(within12, 1), period(within12, 2),
                    mean(daysToFirstJob), median(daysToFirstJob), median(tenures), endsByReason, rate(agreements, referrals),
                    new OutcomeFigures.JobClients(withOpenMarketJob, withEndedJob, clientsByEndReason, paidStarts,
                            mostPaidStartsOfOneClient, mostEndedJobsOfOneClient));
        }

        private static OutcomeFigures.WithinPeriod period(long[] counts, int outcome) {
            return new OutcomeFigures.WithinPeriod(counts[0], counts[outcome], rate(counts[outcome], counts[0]));
        }
    }

    private static boolean between(LocalDate date, LocalDate from, LocalDate to) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    private static boolean onOrBefore(LocalDate date, LocalDate asOf) {
        return date != null && !date.isAfter(asOf);
    }

    private static Double rate(long count, long of) {
        return of == 0 ? null : (double) count / of;
    }

    private static Double mean(List<Double> values) {
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

}
