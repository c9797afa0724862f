package fi.ips.bench.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MachineLoadTest {

    @Test
    void busyTimeLeavesIdleAndIoWaitOut() {
        String stat = """
                cpu  100 20 30 5000 7 1 2 3 0 0
                cpu0 50 10 15 2500 3 0 1 1 0 0
                """;
        assertThat(MachineLoad.machineBusy(stat)).isEqualTo(100 + 20 + 30 + 1 + 2 + 3);
    }

    @Test
    void othersAreTheMachinesBusyTimeLessOurs() {
        int cores = Runtime.getRuntime().availableProcessors();
        MachineLoad.Snapshot from = new MachineLoad.Snapshot(1_000, 400, 0);
        // 10 s: all cores busy, half of it ours.
        MachineLoad.Snapshot to = new MachineLoad.Snapshot(1_000 + 1_000L * cores, 400 + 500L * cores, 10_000_000_000L);
        assertThat(MachineLoad.othersShare(from, to)).isCloseTo(0.5, within(1e-9));
    }
}
