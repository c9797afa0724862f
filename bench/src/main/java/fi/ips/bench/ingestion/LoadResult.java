package fi.ips.bench.ingestion;

import fi.ips.bench.report.Latencies;

import java.time.Duration;
import java.util.Map;

/**
 * What a closed-loop load of {@code clients} concurrent callers achieved.
 *
 * @param accepted requests answered 2xx: each stored one event
 * @param errors   requests answered otherwise or not at all, by status or failure
 */
public record LoadResult(int clients, String region, long accepted, Map<String, Long> errors, Duration elapsed, Latencies latencies) {

    public double eventsPerSecond() {
        return accepted / (elapsed.toNanos() / 1e9);
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
