package fi.ips.bench.platform;

import fi.ips.local.LocalPlatform.Ports;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * How much of the machine's CPU went to processes other than the platform and the benchmark during
 * the run: on 2 cores anything else running (another platform's tests, a build) takes directly from
 * the figures, so the report says how much there was. From /proc/stat and each process's
 * /proc/<pid>/stat; a process counts with the CPU time of its children that have ended.
 */
public final class MachineLoad {

    /** CPU time in clock ticks: the machine's busy time, and that of the platform and the benchmark. */
    public record Snapshot(long machineBusy, long ours, long nanoTime) {
    }

    /** USER_HZ: 100 on Linux for every architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private MachineLoad() {
    }

    public static Snapshot snapshot(Ports ports) {
        Set<Long> ours = new HashSet<>();
        ours.add(ProcessHandle.current().pid());
        ProcessHandle.current().descendants().forEach(p -> ours.add(p.pid()));
        ProcessMemory.trees(ports).values().forEach(ours::addAll);
        long ticks = 0;
        for (long pid : ours) {
            String stat = ProcessMemory.read(Path.of("/proc", Long.toString(pid), "stat"));
            if (stat != null) {
                String[] fields = ProcessMemory.statFields(stat);
                // utime, stime, cutime, cstime: fields 14–17 of stat, counted from the state (field 3) here.
                for (int i = 11; i <= 14; i++) {
                    ticks += Long.parseLong(fields[i]);
                }
            }
        }
        return new Snapshot(machineBusy(ProcessMemory.read(Path.of("/proc/stat"))), ticks, System.nanoTime());
    }

    /** The share of all cores' time between the two snapshots that other processes used. */
    public static double othersShare(Snapshot from, Snapshot to) {
        double seconds = (to.nanoTime() - from.nanoTime()) / 1e9;
        long others = (to.machineBusy() - from.machineBusy()) - (to.ours() - from.ours());
        return Math.max(0, others) / (seconds * TICKS_PER_SECOND * Runtime.getRuntime().availableProcessors());
    }

    /** The first line of /proc/stat: "cpu user nice system idle iowait irq softirq steal ...". */
    static long machineBusy(String procStat) {
        String[] cpu = procStat.lines().findFirst().orElseThrow().trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < Math.min(cpu.length, 9); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(cpu[i]);
            }
        }
        return busy;
    }
}
