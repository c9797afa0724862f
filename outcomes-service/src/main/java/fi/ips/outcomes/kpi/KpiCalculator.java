package fi.ips.outcomes.kpi;

import fi.ips.events.JobEndReason;
import fi.ips.events.JobType;
import fi.ips.outcomes.journey.JourneySummary;
import fi.ips.outcomes.journey.JourneySummary.Job;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import java.util.function.BiPredicate;
import java.util.function.Predicate;

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
        List<JourneySummary> clients = journeys.stream().filter(c -> !c.voided()).toList();
        long referrals = clients.stream().filter(c -> onOrBefore(c.referredOn(), asOf)).count();
        List<JourneySummary> agreed = clients.stream().filter(c -> onOrBefore(c.agreementSignedOn(), asOf)).toList();
        List<JourneySummary> employed = agreed.stream().filter(c -> firstPaidJob(c, asOf) != null).toList();
        long employedNow = agreed.stream().filter(c -> c.jobs().stream()
                .anyMatch(j -> j.type().isPaid() && onOrBefore(j.startedOn(), asOf) && (j.endedOn() == null || !j.endedOn().isBefore(asOf))))
                .count();
        long activeCaseload = agreed.stream().filter(c -> c.serviceEndedOn() == null || c.serviceEndedOn().isAfter(asOf)).count();

        // The paid jobs found through IPS that started, and the paid jobs that ended, on or before the date.
        BiPredicate<JourneySummary, Job> paidStart = (c, j) -> j.type().isPaid() && foundThroughIps(j.startedOn(), c) && onOrBefore(j.startedOn(), asOf);
        BiPredicate<JourneySummary, Job> paidEnd = (c, j) -> j.type().isPaid() && onOrBefore(j.endedOn(), asOf);
        List<Job> paidStarts = jobs(agreed, paidStart);
        long openMarket = paidStarts.stream().filter(j -> j.type() == JobType.PAID_OPEN_MARKET).count();

        List<Double> daysToFirstJob = employed.stream()
                .map(c -> (double) ChronoUnit.DAYS.between(c.agreementSignedOn(), firstPaidJob(c, asOf))).toList();
        List<Job> endedPaidJobs = jobs(agreed, paidEnd);
        Map<JobEndReason, Long> endsByReason = new EnumMap<>(JobEndReason.class);
        endedPaidJobs.forEach(j -> endsByReason.merge(j.endReason(), 1L, Long::sum));

        Map<JobEndReason, Long> clientsByEndReason = new EnumMap<>(JobEndReason.class);
        agreed.forEach(c -> c.jobs().stream().filter(j -> paidEnd.test(c, j))
                .map(Job::endReason).distinct().forEach(reason -> clientsByEndReason.merge(reason, 1L, Long::sum)));
        OutcomeFigures.JobClients jobClients = new OutcomeFigures.JobClients(
                clientsWith(agreed, (c, j) -> paidStart.test(c, j) && j.type() == JobType.PAID_OPEN_MARKET), clientsWith(agreed, paidEnd),
                clientsByEndReason, paidStarts.size(), mostOfOneClient(agreed, paidStart), mostOfOneClient(agreed, paidEnd));

        return new OutcomeFigures(region, name, asOf, referrals, agreed.size(), employed.size(), rate(employed.size(), agreed.size()),
                employedNow, activeCaseload, rate(openMarket, paidStarts.size()),
                within(agreed, asOf, 6, Start::paid), within(agreed, asOf, 6, start -> true),
                within(agreed, asOf, 12, Start::paid), within(agreed, asOf, 12, start -> true),
                mean(daysToFirstJob), median(daysToFirstJob),
                median(endedPaidJobs.stream().map(j -> (double) ChronoUnit.DAYS.between(j.startedOn(), j.endedOn())).toList()),
                endsByReason, rate(agreed.size(), referrals), jobClients);
    }

    private static List<Job> jobs(List<JourneySummary> clients, BiPredicate<JourneySummary, Job> kind) {
        return clients.stream().flatMap(c -> c.jobs().stream().filter(j -> kind.test(c, j))).toList();
    }

    private static long clientsWith(List<JourneySummary> clients, BiPredicate<JourneySummary, Job> kind) {
        return clients.stream().filter(c -> c.jobs().stream().anyMatch(j -> kind.test(c, j))).count();
    }

    /** The most jobs of a kind that one client holds. */
    private static long mostOfOneClient(List<JourneySummary> clients, BiPredicate<JourneySummary, Job> kind) {
        return clients.stream().mapToLong(c -> c.jobs().stream().filter(j -> kind.test(c, j)).count()).max().orElse(0);
    }

    /** The first paid job found through IPS that started on or before the date, or null. */
    static LocalDate firstPaidJob(JourneySummary client, LocalDate asOf) {
        return client.jobs().stream().filter(j -> j.type().isPaid() && foundThroughIps(j.startedOn(), client) && onOrBefore(j.startedOn(), asOf))
                .map(Job::startedOn).min(LocalDate::compareTo).orElse(null);
    }

    private static boolean foundThroughIps(LocalDate startedOn, JourneySummary client) {
        return !startedOn.isBefore(client.agreementSignedOn());
    }

    /**
     * Among clients whose agreement is at least {@code months} old on the date: those with an
     * outcome (a job of any kind or studies: attachment to working life or studies) starting
     * within that time after the agreement.
     */
    private static OutcomeFigures.WithinPeriod within(List<JourneySummary> agreed, LocalDate asOf, int months,
                                                      Predicate<Start> outcome) {
        List<JourneySummary> eligible = agreed.stream().filter(c -> !c.agreementSignedOn().plusMonths(months).isAfter(asOf)).toList();
        long count = eligible.stream().filter(c -> starts(c).stream().anyMatch(s -> outcome.test(s)
                && !s.on().isBefore(c.agreementSignedOn()) && !s.on().isAfter(c.agreementSignedOn().plusMonths(months)))).count();
        return new OutcomeFigures.WithinPeriod(eligible.size(), count, rate(count, eligible.size()));
    }

    /** A start of a job or of studies; {@code paid} for paid jobs. */
    private record Start(LocalDate on, boolean paid) {
    }

    private static List<Start> starts(JourneySummary client) {
        List<Start> starts = new ArrayList<>();
        client.jobs().forEach(j -> starts.add(new Start(j.startedOn(), j.type().isPaid())));
        client.studies().forEach(s -> starts.add(new Start(s.startedOn(), false)));
        return starts;
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
