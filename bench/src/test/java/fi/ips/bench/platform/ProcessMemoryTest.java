package fi.ips.bench.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessMemoryTest {

    @Test
    void readsKilobytesOfAFieldOfSmapsRollup() {
        String rollup = """
                55d0c0a00000-7ffd1b3fe000 ---p 00000000 00:00 0                          [rollup]
                Rss:              234560 kB
                Pss:              201234 kB
                Pss_Anon:         190000 kB
                """;
        assertThat(ProcessMemory.kiloBytes(rollup, "Rss:")).isEqualTo(234560);
        assertThat(ProcessMemory.kiloBytes(rollup, "Pss:")).isEqualTo(201234);
        assertThat(ProcessMemory.kiloBytes(rollup, "Swap:")).isZero();
    }
}
