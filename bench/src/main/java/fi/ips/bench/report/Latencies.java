package fi.ips.bench.report;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies, in milliseconds. Nearest-rank method: the p-th percentile is a
 * latency that was actually measured (the smallest one with at least p % of the samples at or below
 * it), never an interpolation between two.
 */
public record Latencies(int count, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

    public static final Latencies NONE = new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static Latencies ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return NONE;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 95)),
                millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1]));
    }

    /** @param sorted ascending, not empty */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
