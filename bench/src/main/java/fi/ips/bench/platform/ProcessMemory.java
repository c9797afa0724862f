package fi.ips.bench.platform;

import fi.ips.local.LocalPlatform.Ports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Resident memory of each of the platform's processes, from {@code /proc/<pid>/smaps_rollup}: RSS,
 * and PSS (shared pages divided among the processes sharing them, so that the sum is the machine's
 * real use). A process counts with its children: PostgreSQL is a launcher JVM plus the server and
 * its backends. Processes are found by their command lines (main class or jar, and port), so this
 * works for a platform the benchmark did not start too.
 */
public final class ProcessMemory {

    /** @param pid the process found for it (the first, when there are two); its children are included in the figures */
    public record Usage(String name, long pid, long rssBytes, long pssBytes) {
    }

    private ProcessMemory() {
    }

    public static List<Usage> of(Ports ports) {
        List<Usage> usages = new ArrayList<>();
        trees(ports).forEach((name, pids) -> {
            long rss = 0;
            long pss = 0;
            for (long pid : pids) {
                String rollup = read(Path.of("/proc", Long.toString(pid), "smaps_rollup"));
                if (rollup != null) {
                    rss += kiloBytes(rollup, "Rss:") * 1024;
                    pss += kiloBytes(rollup, "Pss:") * 1024;
                }
            }
            usages.add(new Usage(name, pids.get(0), rss, pss));
        });
        return usages;
    }

    /** Every process of the platform that runs now: each one found, with its children. */
    static Map<String, List<Long>> trees(Ports ports) {
        // Each process by the parts of its command line that only it has: any one list, all of its parts.
        Map<String, List<List<String>>> signatures = new LinkedHashMap<>();
        // The PostgreSQL server detaches from its launcher JVM (pg_ctl): it is found by its binary and port.
        signatures.put("postgres", List.of(List.of("fi.ips.local.PostgresServer\0" + ports.postgres() + "\0"),
                List.of("/postgres\0-D\0", "\0-p\0" + ports.postgres() + "\0")));
        signatures.put("kafka", List.of(List.of("fi.ips.local.KafkaBroker\0" + ports.kafka() + "\0")));
        signatures.put("mongodb", List.of(List.of("fi.ips.local.MongoWireServer\0" + ports.mongo() + "\0")));
        signatures.put("auth-server", List.of(List.of("--server.port=" + ports.auth() + "\0")));
        signatures.put("referral-service", List.of(List.of("--server.port=" + ports.referral() + "\0")));
        signatures.put("placement-service", List.of(List.of("--server.port=" + ports.placement() + "\0")));
        signatures.put("outcomes-service", List.of(List.of("--server.port=" + ports.outcomes() + "\0")));
        signatures.put("import-service", List.of(List.of("--server.port=" + ports.imports() + "\0")));
        signatures.put("gateway", List.of(List.of("--server.port=" + ports.gateway() + "\0")));

        Map<Long, String> commandLines = new HashMap<>();
        Map<Long, List<Long>> children = new HashMap<>();
        for (long pid : pids()) {
            String cmdline = read(Path.of("/proc", Long.toString(pid), "cmdline"));
            String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
            if (cmdline == null || stat == null) {
                continue;
            }
            commandLines.put(pid, cmdline);
            children.computeIfAbsent(parent(stat), p -> new ArrayList<>()).add(pid);
        }
        Map<String, List<Long>> trees = new LinkedHashMap<>();
        signatures.forEach((name, matching) -> {
            List<Long> pending = new ArrayList<>(commandLines.entrySet().stream()
                    .filter(e -> matches(e.getValue(), matching))
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList());
            List<Long> tree = new ArrayList<>();
            while (!pending.isEmpty()) {
                long next = pending.remove(0);
                tree.add(next);
                pending.addAll(children.getOrDefault(next, List.of()));
            }
            if (!tree.isEmpty()) {
                trees.put(name, tree);
            }
        });
        return trees;
    }

    /** stat: "pid (comm) state ppid ...": comm may hold spaces, so the fields are read after the last ')'. */
    static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static long parent(String stat) {
        return Long.parseLong(statFields(stat)[1]);
    }

    private static boolean matches(String commandLine, List<List<String>> signatures) {
        return signatures.stream().anyMatch(parts -> parts.stream().allMatch(commandLine::contains));
    }

    static long kiloBytes(String rollup, String field) {
        for (String line : rollup.split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    static List<Long> pids() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The file's text, or null when the process has gone meanwhile. */
    static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
