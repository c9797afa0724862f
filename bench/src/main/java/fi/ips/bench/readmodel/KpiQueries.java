package fi.ips.bench.readmodel;

import fi.ips.bench.platform.Http;
import fi.ips.bench.report.Latencies;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * KPI query latency through the gateway, one query at a time (as dashboards ask), after unmeasured
 * ones for a warm-up: a few queries leave the gateway's and the service's code paths interpreted,
 * and the figures would be those of a just-started JVM (p50 about 20 ms instead of 5 ms here).
 */
public final class KpiQueries {

    public record Result(String query, Latencies latencies, Map<String, Long> errors) {
    }

    private KpiQueries() {
    }

    /** Queries {@code path} unmeasured for {@code warmUp}, then at most {@code queries} times, no longer than {@code budget}. */
    public static Result run(Http http, String gateway, String path, String token, Duration warmUp, int queries, Duration budget) {
        long warm = System.nanoTime() + warmUp.toNanos();
        while (System.nanoTime() < warm) {
            http.get(gateway + path, token);
        }
        long[] latencies = new long[queries];
        Map<String, Long> errors = new TreeMap<>();
        long deadline = System.nanoTime() + budget.toNanos();
        int done = 0;
        while (done < queries && System.nanoTime() < deadline) {
            Http.Response response = http.get(gateway + path, token);
            latencies[done++] = response.nanos();
            if (!response.ok()) {
                errors.merge(response.errorKind(), 1L, Long::sum);
            }
        }
        return new Result(path, Latencies.ofNanos(Arrays.copyOf(latencies, done)), errors);
    }
}
