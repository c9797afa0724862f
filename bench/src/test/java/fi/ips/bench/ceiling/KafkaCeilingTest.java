package fi.ips.bench.ceiling;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaCeilingTest {

    @Test
    void takesTheFetchRateFromConsumerPerformancesOutput() {
        String output = """
                [2026-11-29 20:00:00,000] WARN some warning (org.apache.kafka.clients.consumer.ConsumerConfig)
                start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
                [main] WARN org.apache.kafka.clients.consumer.internals.ConsumerCoordinator - a log line between
                2026-11-29 20:00:01:000, 2026-11-29 20:00:05:000, 57.2205, 14.3051, 300000, 75000.0000, 3012, 988, 57.9155, 303643.7247
                """;
        assertThat(KafkaCeiling.fetchRate(output)).isEqualTo(303643.7247);
        assertThat(KafkaCeiling.fetchRate("no figures")).isNaN();
    }
}
