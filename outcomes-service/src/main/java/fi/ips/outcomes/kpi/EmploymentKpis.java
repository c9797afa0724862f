package fi.ips.outcomes.kpi;

import fi.ips.events.Region;
import fi.ips.outcomes.journey.ClientJourneys;
import fi.ips.outcomes.journey.JourneySummary;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The figures of the KPI definitions ({@link KpiCalculator}) over the client journeys in MongoDB. */
@Component
class EmploymentKpis {

    static final String NATIONAL_NAME = "Koko maa";

    private final ClientJourneys journeys;

    EmploymentKpis(ClientJourneys journeys) {
        this.journeys = journeys;
    }

    OutcomeFigures national(LocalDate asOf) {
        return KpiCalculator.figures(null, NATIONAL_NAME, asOf, journeys.summaries(null));
    }

    OutcomeFigures region(Region region, LocalDate asOf) {
        return KpiCalculator.figures(region.code(), region.nameFi(), asOf, journeys.summaries(region.code()));
    }

    /** Every region (those without clients too), then the national row. */
    List<OutcomeFigures> allRegions(LocalDate asOf) {
        List<JourneySummary> all = journeys.summaries(null);
        Map<Region, List<JourneySummary>> byRegion = all.stream()
                .filter(s -> s.region() != null)
                .collect(Collectors.groupingBy(JourneySummary::region));
        List<OutcomeFigures> rows = new ArrayList<>();
        for (Region region : Region.values()) {
            rows.add(KpiCalculator.figures(region.code(), region.nameFi(), asOf, byRegion.getOrDefault(region, List.of())));
        }
        rows.add(KpiCalculator.figures(null, NATIONAL_NAME, asOf, all));
        return rows;
    }

    /** The figures at the end of each month (today's for the current month), for a region or (null) the country. */
    List<OutcomeFigures> monthly(Region region, YearMonth from, YearMonth to, LocalDate today) {
        List<JourneySummary> clients = journeys.summaries(region == null ? null : region.code());
        List<OutcomeFigures> months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            LocalDate end = month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
            months.add(KpiCalculator.figures(region == null ? null : region.code(),
                    region == null ? NATIONAL_NAME : region.nameFi(), end, clients));
        }
        return months;
    }
}
