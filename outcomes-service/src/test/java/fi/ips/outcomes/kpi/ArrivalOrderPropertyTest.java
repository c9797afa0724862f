package fi.ips.outcomes.kpi;

import fi.ips.events.AgreementDateCorrectedEvent;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.EventType;
import fi.ips.events.JobEndReason;
import fi.ips.events.JobEndedEvent;
import fi.ips.events.JobStartDateCorrectedEvent;
import fi.ips.events.JobStartedEvent;
import fi.ips.events.JobType;
import fi.ips.events.JobVoidedEvent;
import fi.ips.events.JourneyEvent;
import fi.ips.events.ReferralDateCorrectedEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.ReferralVoidedEvent;
import fi.ips.events.Region;
import fi.ips.events.ServiceEndReason;
import fi.ips.events.ServiceEndedEvent;
import fi.ips.events.StudiesEndedEvent;
import fi.ips.events.StudiesEndReason;
import fi.ips.events.StudiesStartedEvent;
import fi.ips.events.StudiesVoidedEvent;
import fi.ips.outcomes.journey.FoldedArrivals;
import fi.ips.outcomes.journey.JourneySummary;
import fi.ips.support.kafka.ReceivedEvent;
import fi.ips.testsupport.RandomChecks;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka delivers at least once and the two topics interleave in any order. Random client journeys
 * (with corrections, voided entries, jobs before the agreement) become events; the events arrive
 * shuffled and partly duplicated; the figures must equal a straightforward calculation over the
 * journeys themselves.
 */
class ArrivalOrderPropertyTest {

    private static final Region[] REGIONS = {Region.LAPPI, Region.KAINUU, Region.HELSINKI};
    private static final LocalDate[] DATES = {LocalDate.of(2020, 12, 31), LocalDate.of(2021, 9, 30), LocalDate.of(2022, 4, 30),
            LocalDate.of(2023, 12, 31)};

    /** The truth about one client, as the county would know it after all corrections. */
    record Journey(String clientId, Region region, LocalDate referredOn, LocalDate firstReferredOn, LocalDate signedOn,
                   LocalDate firstSignedOn, LocalDate endedOn, boolean voided, List<TruthJob> jobs, List<TruthStudies> studies) {
    }

    record TruthJob(String id, JobType type, LocalDate startedOn, LocalDate firstStartedOn, LocalDate endedOn, JobEndReason endReason,
                    boolean voided) {
    }

    record TruthStudies(String id, LocalDate startedOn, LocalDate endedOn, boolean voided) {
    }

    /** What happened to some clients, and the seed of how their events arrive. */
    record Histories(List<Journey> journeys, long arrivalSeed) {
    }

    @Test
    void theFiguresDependOnlyOnWhatHappenedNotOnHowItArrived() {
        RandomChecks.forAll(150, ArrivalOrderPropertyTest::histories, h -> figuresDependOnlyOnWhatHappened(h.journeys(), h.arrivalSeed()));
    }

    private static void figuresDependOnlyOnWhatHappened(List<Journey> journeys, long seed) {
        Random random = new Random(seed);
        List<ReceivedEvent> arrivals = new ArrayList<>();
        Map<String, List<String>> eventIds = new LinkedHashMap<>();
        for (Journey journey : journeys) {
            List<ReceivedEvent> events = events(journey);
            arrivals.addAll(events);
            eventIds.put(journey.clientId(), events.stream().map(ReceivedEvent::id).toList());
        }
        int duplicates = random.nextInt(arrivals.size() + 1);
        for (int i = 0; i < duplicates; i++) {
            arrivals.add(arrivals.get(random.nextInt(arrivals.size())));
        }
        Collections.shuffle(arrivals, random);

        // The arrivals, duplicates and all, go to the projection's own fold: it is what must count each event once.
        FoldedArrivals folded = FoldedArrivals.of(arrivals);
        assertThat(folded.storedEventIds.keySet()).containsExactlyInAnyOrderElementsOf(eventIds.keySet());
        eventIds.forEach((client, ids) -> assertThat(folded.storedEventIds.get(client)).as("the events stored for " + client + ", each once")
                .containsExactlyInAnyOrderElementsOf(ids));
        List<JourneySummary> summaries = List.copyOf(folded.summaries.values());

        for (LocalDate asOf : DATES) {
            assertSame(KpiCalculator.figures(null, "Koko maa", asOf, summaries), reference(journeys, null, asOf));
            Region region = REGIONS[random.nextInt(REGIONS.length)];
            assertSame(KpiCalculator.figures(region.code(), region.nameFi(), asOf, summaries.stream().filter(s -> s.region() == region).toList()),
                    reference(journeys, region, asOf));
        }
    }

    private static Histories histories(Random random) {
        List<Journey> journeys = new ArrayList<>();
        int clients = 1 + random.nextInt(25);
        for (int c = 0; c < clients; c++) {
            journeys.add(journey("c" + c, random));
        }
        return new Histories(journeys, random.nextLong());
    }

    private static Journey journey(String clientId, Random random) {
        LocalDate referred = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(900));
        LocalDate firstReferred = random.nextInt(6) == 0 ? referred.plusDays(1 + random.nextInt(20)) : referred;
        LocalDate signed = random.nextInt(10) < 7 ? referred.plusDays(random.nextInt(60)) : null;
        LocalDate firstSigned = signed != null && random.nextInt(5) == 0 ? signed.plusDays(random.nextInt(30) - 15) : signed;
        LocalDate ended = signed != null && random.nextInt(3) == 0 ? signed.plusDays(random.nextInt(500)) : null;
        List<TruthJob> jobs = new ArrayList<>();
        List<TruthStudies> studies = new ArrayList<>();
        if (signed != null) {
            for (int j = random.nextInt(4); j > 0; j--) {
                LocalDate start = signed.plusDays(random.nextInt(450) - 60);
                LocalDate firstStart = random.nextInt(6) == 0 ? start.plusDays(random.nextInt(20) - 10) : start;
                LocalDate jobEnd = random.nextBoolean() ? start.plusDays(random.nextInt(300)) : null;
                jobs.add(new TruthJob(clientId + "-j" + j, JobType.values()[random.nextInt(JobType.values().length)], start, firstStart,
                        jobEnd, JobEndReason.values()[random.nextInt(JobEndReason.values().length)], random.nextInt(10) == 0));
            }
            if (random.nextInt(4) == 0) {
                LocalDate start = signed.plusDays(random.nextInt(400));
                studies.add(new TruthStudies(clientId + "-s", start, random.nextBoolean() ? start.plusDays(random.nextInt(365)) : null,
                        random.nextInt(10) == 0));
            }
        }
        return new Journey(clientId, REGIONS[random.nextInt(REGIONS.length)], referred, firstReferred, signed, firstSigned, ended,
                random.nextInt(12) == 0, jobs, studies);
    }

    /** The events the services would have published, in the order they were recorded. */
    private static List<ReceivedEvent> events(Journey j) {
        List<JourneyEvent> events = new ArrayList<>();
        events.add(new ClientReferredEvent(j.clientId(), j.region(), j.firstReferredOn(), ReferralSource.OTHER, null));
        if (!j.firstReferredOn().equals(j.referredOn())) {
            events.add(new ReferralDateCorrectedEvent(j.clientId(), j.region(), j.referredOn()));
        }
        if (j.signedOn() != null) {
            events.add(new AgreementSignedEvent(j.clientId(), j.region(), j.firstSignedOn()));
            if (!j.firstSignedOn().equals(j.signedOn())) {
                events.add(new AgreementDateCorrectedEvent(j.clientId(), j.region(), j.signedOn()));
            }
        }
        for (TruthJob job : j.jobs()) {
            events.add(new JobStartedEvent(job.id(), j.clientId(), j.region(), job.firstStartedOn(), job.type(), null, null, null,
                    job.firstStartedOn().isBefore(j.signedOn()), null));
            if (!job.firstStartedOn().equals(job.startedOn())) {
                events.add(new JobStartDateCorrectedEvent(job.id(), j.clientId(), j.region(), job.startedOn()));
            }
            if (job.endedOn() != null) {
                events.add(new JobEndedEvent(job.id(), j.clientId(), j.region(), job.endedOn(), job.endReason()));
            }
            if (job.voided()) {
                events.add(new JobVoidedEvent(job.id(), j.clientId(), j.region(), job.startedOn()));
            }
        }
        for (TruthStudies s : j.studies()) {
            events.add(new StudiesStartedEvent(s.id(), j.clientId(), j.region(), s.startedOn(), null));
            if (s.endedOn() != null) {
                events.add(new StudiesEndedEvent(s.id(), j.clientId(), j.region(), s.endedOn(), StudiesEndReason.COMPLETED));
            }
            if (s.voided()) {
                events.add(new StudiesVoidedEvent(s.id(), j.clientId(), j.region(), s.startedOn()));
            }
        }
        if (j.endedOn() != null) {
            events.add(new ServiceEndedEvent(j.clientId(), j.region(), j.endedOn(), ServiceEndReason.GOAL_ACHIEVED));
        }
        if (j.voided()) {
            events.add(new ReferralVoidedEvent(j.clientId(), j.region(), j.referredOn()));
        }
        List<ReceivedEvent> received = new ArrayList<>();
        Instant recorded = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < events.size(); i++) {
            received.add(new ReceivedEvent(j.clientId() + "-e" + i, EventType.of(events.get(i)), recorded.plusMillis(i), events.get(i)));
        }
        return received;
    }

    /** The KPI definitions, computed plainly from the journeys. */
    private static OutcomeFigures reference(List<Journey> all, Region region, LocalDate d) {
        long referrals = 0;
        long agreements = 0;
        long employed = 0;
        long employedNow = 0;
        long caseload = 0;
        long paidStarts = 0;
        long openMarketStarts = 0;
        List<Double> daysToFirst = new ArrayList<>();
        List<Double> tenures = new ArrayList<>();
        Map<JobEndReason, Long> ends = new EnumMap<>(JobEndReason.class);
        Map<JobEndReason, Long> clientsByEnd = new EnumMap<>(JobEndReason.class);
        long withOpenMarketJob = 0;
        long withEndedJob = 0;
        long mostStartsOfOne = 0;
        long mostEndsOfOne = 0;
        long[] eligible = new long[2];
        long[] paidWithin = new long[2];
        long[] attachedWithin = new long[2];
        for (Journey j : all) {
            if (j.voided() || (region != null && j.region() != region)) {
                continue;
            }
            if (!j.referredOn().isAfter(d)) {
                referrals++;
            }
            if (j.signedOn() == null || j.signedOn().isAfter(d)) {
                continue;
            }
            agreements++;
            if (j.endedOn() == null || j.endedOn().isAfter(d)) {
                caseload++;
            }
            LocalDate firstPaid = null;
            boolean now = false;
            boolean openMarket = false;
            long startedJobs = 0;
            long endedJobs = 0;
            Set<JobEndReason> endedFor = EnumSet.noneOf(JobEndReason.class);
            for (TruthJob job : j.jobs()) {
                if (job.voided()) {
                    continue;
                }
                boolean paid = job.type() == JobType.PAID_OPEN_MARKET || job.type() == JobType.PAID_SUPPORTED;
                boolean throughIps = !job.startedOn().isBefore(j.signedOn());
                if (paid && !job.startedOn().isAfter(d) && (job.endedOn() == null || !job.endedOn().isBefore(d))) {
                    now = true;
                }
                if (paid && throughIps && !job.startedOn().isAfter(d)) {
                    paidStarts++;
                    startedJobs++;
                    if (job.type() == JobType.PAID_OPEN_MARKET) {
                        openMarketStarts++;
                        openMarket = true;
                    }
                    if (firstPaid == null || job.startedOn().isBefore(firstPaid)) {
                        firstPaid = job.startedOn();
                    }
                }
                if (paid && job.endedOn() != null && !job.endedOn().isAfter(d)) {
                    tenures.add((double) ChronoUnit.DAYS.between(job.startedOn(), job.endedOn()));
                    ends.merge(job.endReason(), 1L, Long::sum);
                    endedFor.add(job.endReason());
                    endedJobs++;
                }
            }
            mostStartsOfOne = Math.max(mostStartsOfOne, startedJobs);
            mostEndsOfOne = Math.max(mostEndsOfOne, endedJobs);
            withOpenMarketJob += openMarket ? 1 : 0;
            withEndedJob += endedFor.isEmpty() ? 0 : 1;
            endedFor.forEach(reason -> clientsByEnd.merge(reason, 1L, Long::sum));
            if (firstPaid != null) {
                employed++;
                daysToFirst.add((double) ChronoUnit.DAYS.between(j.signedOn(), firstPaid));
            }
            if (now) {
                employedNow++;
            }
            int[] months = {6, 12};
            for (int p = 0; p < 2; p++) {
                LocalDate windowEnd = j.signedOn().plusMonths(months[p]);
                if (windowEnd.isAfter(d)) {
                    continue;
                }
                eligible[p]++;
                boolean paid = false;
                boolean attached = false;
                for (TruthJob job : j.jobs()) {
                    if (!job.voided() && !job.startedOn().isBefore(j.signedOn()) && !job.startedOn().isAfter(windowEnd)) {
                        attached = true;
                        paid |= job.type() == JobType.PAID_OPEN_MARKET || job.type() == JobType.PAID_SUPPORTED;
                    }
                }
                for (TruthStudies s : j.studies()) {
                    attached |= !s.voided() && !s.startedOn().isBefore(j.signedOn()) && !s.startedOn().isAfter(windowEnd);
                }
                paidWithin[p] += paid ? 1 : 0;
                attachedWithin[p] += attached ? 1 : 0;
            }
        }
        Collections.sort(daysToFirst);
        Collections.sort(tenures);
        return new OutcomeFigures(region == null ? null : region.code(), region == null ? "Koko maa" : region.nameFi(), d,
                referrals, agreements, employed, ratio(employed, agreements), employedNow, caseload, ratio(openMarketStarts, paidStarts),
                period(eligible[0], paidWithin[0]), period(eligible[0], attachedWithin[0]),
                period(eligible[1], paidWithin[1]), period(eligible[1], attachedWithin[1]),
                daysToFirst.isEmpty() ? null : daysToFirst.stream().mapToDouble(x -> x).sum() / daysToFirst.size(),
                median(daysToFirst), median(tenures), ends, ratio(agreements, referrals),
                new OutcomeFigures.JobClients(withOpenMarketJob, withEndedJob, clientsByEnd, paidStarts, mostStartsOfOne, mostEndsOfOne));
    }

    private static OutcomeFigures.WithinPeriod period(long eligible, long count) {
        return new OutcomeFigures.WithinPeriod(eligible, count, ratio(count, eligible));
    }

    private static Double ratio(long a, long b) {
        return b == 0 ? null : (double) a / b;
    }

    private static Double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void assertSame(OutcomeFigures actual, OutcomeFigures expected) {
        assertThat(actual).usingRecursiveComparison()
                .withComparatorForType((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b), Double.class)
                .isEqualTo(expected);
    }
}
