package fi.ips.bench.readmodel;

import fi.ips.bench.platform.Http;
import fi.ips.bench.report.Latencies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * KPI query latency through the gateway, one query at a time (as dashboards ask), after unmeasured
 * ones for a warm-up: a few queries leave the gateway's and the service's code paths interpreted,
 * and the figures would be those of a just-started JVM (p50 about 20 ms instead of 5 ms here). The
 * queries are the first requests the benchmark's gateway serves, so every query warms up in turn
 * before any is measured: measured one after another, the first measured was still warming up the
 * code the others share (by hand, 6 December: p99 32 ms for a just-started platform's first query
 * against 19 ms once warm).
 */
public final class KpiQueries {

    public record Result(String query, Latencies latencies, Map<String, Long> errors) {
    }

    private KpiQueries() {
    }

    /**
     * Queries each of {@code paths} in turn, unmeasured, until each has been warmed for {@code warmUp}
     * (all together {@code warmUp} times their number); then each path at most {@code queries} times, no
     * longer than {@code budget}, one path after another.
     */
    public static List<Result> run(Http http, String gateway, List<String> paths, String token, Duration warmUp, int queries,
                                   Duration budget) {
        long warm = System.nanoTime() + warmUp.toNanos() * paths.size();
        while (System.nanoTime() < warm) {
            paths.forEach(path -> http.get(gateway + path, token));
        }
        List<Result> results = new ArrayList<>();
        for (String path : paths) {
            results.add(measure(http, gateway, path, token, queries, budget));
        }
        return results;
    }

    private static Result measure(Http http, String gateway, String path, String token, int queries, Duration budget) {
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
