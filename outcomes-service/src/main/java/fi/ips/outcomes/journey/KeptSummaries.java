package fi.ips.outcomes.journey;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The serving collection's summaries per region, kept in memory once read and then updated from
 * the folds this instance stores, so that figures are worked out again without reading MongoDB.
 * Reading a region costs a scan on the local MongoDB wire server, which holds the collection's lock
 * meanwhile and so stops the projection's writes (seconds at 100 000 clients, docs/performance.md);
 * kept, a region is read once per start of the service, per switch of the serving collection, and
 * after each change another instance made to it ({@link #forget}).
 *
 * <p>What is kept of a summary is what the figures need ({@link #forFigures}): at 100 000 clients
 * the summaries whole took some 100 MB of a 256 MB heap, half of it job ids and a million copies
 * of a few thousand dates.
 *
 * <p>A region is read without holding the lock, beside the projection's writes: what is stored
 * while it is read is applied on top of what the read found, so no write is lost to a read that
 * began before it.
 */
final class KeptSummaries {

    /** Equal dates shared by every summary kept; far fewer days than clients (cleared past this many, at worst less is shared). */
    private static final int MAX_DATES = 100_000;
    private static final Map<LocalDate, LocalDate> DATES = new ConcurrentHashMap<>();

    /** A read under way, and what happened meanwhile. */
    private static final class Read {
        private final String collection;
        private final Map<String, JourneySummary> stored = new LinkedHashMap<>();
        private final Set<String> forgotten = new HashSet<>();

        Read(String collection) {
            this.collection = collection;
        }
    }

    /**
     * Reads a collection's clients that are not voided in these regions: region code → client id →
     * summary, each {@link #forFigures} (so that a region of many clients is never held whole).
     */
    private final BiFunction<String, Set<String>, Map<String, Map<String, JourneySummary>>> reader;
    private final Set<Read> reads = new HashSet<>();
    /** The regions held whole (every client not voided), region code → client id → summary; of {@link #collection}. */
    private final Map<String, Map<String, JourneySummary>> byRegion = new HashMap<>();
    private String collection;

    KeptSummaries(BiFunction<String, Set<String>, Map<String, Map<String, JourneySummary>>> reader) {
        this.reader = reader;
    }

    /** The summaries of the clients of these regions in a collection, voided clients left out. */
    List<JourneySummary> of(String collection, Set<String> regions) {
        Read read = new Read(collection);
        Set<String> missing = new HashSet<>();
        synchronized (this) {
            follow(collection);
            regions.stream().filter(region -> !byRegion.containsKey(region)).forEach(missing::add);
            if (missing.isEmpty()) {
                return held(byRegion, regions);
            }
            reads.add(read);
        }
        Map<String, Map<String, JourneySummary>> found;
        try {
            found = reader.apply(collection, missing);
        } catch (RuntimeException e) {
            synchronized (this) {
                reads.remove(read);
            }
            throw e;
        }
        Map<String, Map<String, JourneySummary>> answered = new HashMap<>();
        missing.forEach(region -> answered.put(region, new HashMap<>(found.getOrDefault(region, Map.of()))));
        synchronized (this) {
            reads.remove(read);
            read.stored.forEach((clientId, summary) -> apply(answered, clientId, summary));
            if (collection.equals(this.collection)) {
                // Kept unless another instance changed the region meanwhile (it may be older than that) or another read kept it first.
                answered.forEach((region, clients) -> {
                    if (!read.forgotten.contains(region)) {
                        byRegion.putIfAbsent(region, clients);
                    }
                });
                answered.putAll(byRegion);
            }
            return held(answered, regions);
        }
    }

    /** Summaries as a collection now stores them: applied to the regions held and to any read under way. */
    synchronized void stored(String collection, Map<String, JourneySummary> summaries) {
        if (!collection.equals(this.collection)) {
            return;
        }
        summaries.forEach((clientId, stored) -> {
            JourneySummary summary = forFigures(stored);
            apply(byRegion, clientId, summary);
            reads.stream().filter(read -> read.collection.equals(collection)).forEach(read -> read.stored.put(clientId, summary));
        });
    }

    /** Another instance changed clients of these regions: they are read again when next asked for. */
    synchronized void forget(Set<String> regions) {
        regions.forEach(byRegion::remove);
        reads.forEach(read -> read.forgotten.addAll(regions));
    }

    /**
     * A summary as the figures read it ({@code KpiCalculator}): without the ids of its jobs and
     * studies, which only the fold needs, and with dates shared with other summaries.
     */
    static JourneySummary forFigures(JourneySummary summary) {
        List<JourneySummary.Job> jobs = summary.jobs().isEmpty() ? List.of() : summary.jobs().stream()
                .map(job -> new JourneySummary.Job(null, job.type(), shared(job.startedOn()), shared(job.endedOn()), job.endReason()))
                .toList();
        List<JourneySummary.Studies> studies = summary.studies().isEmpty() ? List.of() : summary.studies().stream()
                .map(study -> new JourneySummary.Studies(null, shared(study.startedOn()), shared(study.endedOn())))
                .toList();
        return new JourneySummary(summary.region(), summary.voided(), shared(summary.referredOn()), shared(summary.agreementSignedOn()),
                shared(summary.serviceEndedOn()), jobs, studies);
    }

    private static LocalDate shared(LocalDate date) {
        if (date == null) {
            return null;
        }
        if (DATES.size() > MAX_DATES) {
            DATES.clear();
        }
        return DATES.computeIfAbsent(date, same -> same);
    }

    /** After a switch of the serving collection, what was held of the previous one is dropped. */
    private void follow(String serving) {
        if (!serving.equals(collection)) {
            collection = serving;
            byRegion.clear();
        }
    }

    /** A client's summary in the region it now belongs to, out of any other (a placement's region may precede the referral's). */
    private static void apply(Map<String, Map<String, JourneySummary>> byRegion, String clientId, JourneySummary summary) {
        byRegion.values().forEach(clients -> clients.remove(clientId));
        if (!summary.voided() && summary.region() != null) {
            Map<String, JourneySummary> clients = byRegion.get(summary.region().code());
            if (clients != null) {
                clients.put(clientId, summary);
            }
        }
    }

    private static List<JourneySummary> held(Map<String, Map<String, JourneySummary>> byRegion, Set<String> regions) {
        List<JourneySummary> summaries = new ArrayList<>();
        regions.forEach(region -> summaries.addAll(byRegion.get(region).values()));
        return summaries;
    }
}
