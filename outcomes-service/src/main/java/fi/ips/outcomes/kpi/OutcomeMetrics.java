package fi.ips.outcomes.kpi;

import fi.ips.events.Region;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Today's headline figures as gauges per region ({@code region} tag, {@code FI} for the country):
 * {@code ips.outcomes.agreements}, {@code ips.outcomes.employed}, {@code ips.outcomes.employment.rate}.
 * Worked out every 30 seconds, not on every scrape.
 */
@Component
class OutcomeMetrics {

    static final String NATIONAL = "FI";

    private final EmploymentKpis kpis;
    private final Clock clock;
    private final Map<String, OutcomeFigures> latest = new ConcurrentHashMap<>();

    OutcomeMetrics(EmploymentKpis kpis, Clock clock, MeterRegistry registry) {
        this.kpis = kpis;
        this.clock = clock;
        for (Region region : Region.values()) {
            register(registry, region.code());
        }
        register(registry, NATIONAL);
    }

    @Scheduled(fixedDelay = 30_000, initialDelay = 1_000)
    void refresh() {
        for (OutcomeFigures row : kpis.allRegions(LocalDate.now(clock))) {
            latest.put(row.region() == null ? NATIONAL : row.region(), row);
        }
    }

    private void register(MeterRegistry registry, String region) {
        gauge(registry, "ips.outcomes.agreements", region, OutcomeFigures::agreements);
        gauge(registry, "ips.outcomes.employed", region, OutcomeFigures::employed);
        gauge(registry, "ips.outcomes.employment.rate", region, f -> f.employmentRate() == null ? Double.NaN : f.employmentRate());
    }

    private void gauge(MeterRegistry registry, String name, String region, ToDoubleFunction<OutcomeFigures> value) {
        Gauge.builder(name, latest, figures -> figures.containsKey(region) ? value.applyAsDouble(figures.get(region)) : Double.NaN)
                .tag("region", region)
                .register(registry);
    }
}
