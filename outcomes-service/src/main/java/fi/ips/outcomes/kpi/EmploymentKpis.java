package fi.ips.outcomes.kpi;

import fi.ips.events.Region;
import fi.ips.outcomes.journey.ClientJourneys;
import fi.ips.outcomes.journey.JourneyChanged;
import fi.ips.outcomes.journey.JourneySummary;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The figures of the KPI definitions ({@link KpiCalculator}) over the client journeys in MongoDB.
 * Figures are computed once and kept until a client of their region changes: at once for changes
 * this instance projects ({@link JourneyChanged}), within {@link LiveUpdates}' rhythm for those of
 * other instances, and always before dashboards are told of the change. Reading every client of a
 * region per request would make each query cost as much as the region is large.
 */
@Component
class EmploymentKpis {

    static final String NATIONAL_NAME = "Koko maa";
    /** The scope of figures that depend on every region: the national row, the table of all regions. */
    private static final String EVERY_REGION = "*";
    private static final int MAX_KEPT = 2_000;

    private record Question(String scope, String collection, Object asked) {
    }

    private final ClientJourneys journeys;
    private final Map<Question, Object> kept = new ConcurrentHashMap<>();
    /** Counts changes: figures computed while one arrived are not kept, they may predate it. */
    private final AtomicLong changes = new AtomicLong();

    EmploymentKpis(ClientJourneys journeys) {
        this.journeys = journeys;
    }

    /** This instance stored the change, and its summaries with it: only the figures are out of date. */
    @EventListener
    void on(JourneyChanged change) {
        dropFigures(Set.of(change.region()));
    }

    /** Another instance changed clients of these regions: their summaries are read again, and the figures worked out again. */
    void forget(Set<String> regions) {
        journeys.forget(regions);
        dropFigures(regions);
    }

    /** Drops the figures of these regions, and those that depend on every region. */
    private void dropFigures(Set<String> regions) {
        changes.incrementAndGet();
        kept.keySet().removeIf(question -> question.scope().equals(EVERY_REGION) || regions.contains(question.scope()));
    }

    OutcomeFigures national(LocalDate asOf) {
        return remembered(EVERY_REGION, asOf, () -> KpiCalculator.figures(null, NATIONAL_NAME, asOf, journeys.summaries(null)));
    }

    OutcomeFigures region(Region region, LocalDate asOf) {
        return remembered(region.code(), asOf,
                () -> KpiCalculator.figures(region.code(), region.nameFi(), asOf, journeys.summaries(region.code())));
    }

    /** Every region (those without clients too), then the national row. */
    List<OutcomeFigures> allRegions(LocalDate asOf) {
        return remembered(EVERY_REGION, List.of("all", asOf), () -> computeAllRegions(asOf));
    }

    private List<OutcomeFigures> computeAllRegions(LocalDate asOf) {
        List<JourneySummary> all = journeys.summaries(null);
        Map<Region, List<JourneySummary>> byRegion = all.stream()
                .filter(s -> s.region() != null)
                .collect(Collectors.groupingBy(JourneySummary::region));
        List<OutcomeFigures> rows = new ArrayList<>();
        for (Region region : Region.values()) {
            rows.add(KpiCalculator.figures(region.code(), region.nameFi(), asOf, byRegion.getOrDefault(region, List.of())));
        }
        rows.add(KpiCalculator.figures(null, NATIONAL_NAME, asOf, all));
        return List.copyOf(rows);
    }

    /** The figures at the end of each month (today's for the current month), for a region or (null) the country. */
    List<OutcomeFigures> monthly(Region region, YearMonth from, YearMonth to, LocalDate today) {
        return remembered(region == null ? EVERY_REGION : region.code(), List.of("monthly", from, to, today),
                () -> computeMonthly(region, from, to, today));
    }

    private List<OutcomeFigures> computeMonthly(Region region, YearMonth from, YearMonth to, LocalDate today) {
        List<JourneySummary> clients = journeys.summaries(region == null ? null : region.code());
        List<OutcomeFigures> months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            LocalDate end = month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
            months.add(KpiCalculator.figures(region == null ? null : region.code(),
                    region == null ? NATIONAL_NAME : region.nameFi(), end, clients));
        }
        return List.copyOf(months);
    }

    @SuppressWarnings("unchecked")
    private <T> T remembered(String scope, Object asked, Supplier<T> compute) {
        Question question = new Question(scope, journeys.servingCollection(), asked);
        Object known = kept.get(question);
        if (known != null) {
            return (T) known;
        }
        long before = changes.get();
        T figures = compute.get();
        if (changes.get() == before) {
            if (kept.size() >= MAX_KEPT) {
                kept.clear();
            }
            kept.put(question, figures);
        }
        return figures;
    }
}
