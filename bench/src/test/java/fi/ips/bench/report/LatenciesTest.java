package fi.ips.bench.report;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankOfMeasuredValues() {
        // 1..100 ms, shuffled order must not matter.
        long[] nanos = LongStream.rangeClosed(1, 100).map(i -> ((i * 37) % 100 + 1) * 1_000_000).toArray();
        Latencies l = Latencies.ofNanos(nanos);
        assertThat(l.count()).isEqualTo(100);
        assertThat(l.p50Ms()).isEqualTo(50.0);
        assertThat(l.p95Ms()).isEqualTo(95.0);
        assertThat(l.p99Ms()).isEqualTo(99.0);
        assertThat(l.maxMs()).isEqualTo(100.0);
    }

    @Test
    void aFewSamplesGiveTheHighOnesForTheHighPercentiles() {
        Latencies l = Latencies.ofNanos(new long[]{3_000_000, 1_000_000, 2_000_000});
        assertThat(l.p50Ms()).isEqualTo(2.0);
        assertThat(l.p99Ms()).isEqualTo(3.0);
        assertThat(Latencies.percentile(new long[]{7}, 1)).isEqualTo(7);
    }

    @Test
    void noSamplesIsNotAFigure() {
        Latencies none = Latencies.ofNanos(new long[0]);
        assertThat(none.count()).isZero();
        assertThat(none.p99Ms()).isNaN();
        assertThat(Target.atMost(20, "ms").metBy(none.p99Ms())).isFalse();
    }
}
