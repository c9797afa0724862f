package fi.ips.bench.readmodel;

import fi.ips.bench.platform.Http;
import fi.ips.bench.report.Latencies;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * KPI query latency through the gateway, one query at a time (as dashboards ask), after a few
 * unmeasured ones so that the first compilation of the code path is not what is measured.
 */
public final class KpiQueries {

    public record Result(String query, Latencies latencies, Map<String, Long> errors) {
    }

    private static final int WARM_UP = 3;

    private KpiQueries() {
    }

    /** At most {@code queries} of {@code path}, and no more than fit in {@code budget}. */
    public static Result run(Http http, String gateway, String path, String token, int queries, Duration budget) {
        for (int i = 0; i < WARM_UP; i++) {
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
