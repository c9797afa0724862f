package fi.ips.bench;

import java.time.Duration;

/**
 * What {@code ./bench/run} was asked for, and how big each scenario is. {@code --quick} is sized to
 * finish in about a quarter of an hour on 2 cores; the full run in about half an hour (20 minutes
 * on 3 December; its read-model steps give up after half an hour each and are rated by what was done by then).
 *
 * @param gateway a running platform's gateway, or null to start one
 */
record Options(boolean quick, String gateway, Sizes sizes) {

    record Sizes(Duration perLevel, Duration warmUp, int freshnessProbes, int importClients, int readModelClients, int eventsPerClient,
                 int kpiQueries, Duration kpiBudget, long kafkaRecords, Duration postgresEach, Duration projectionTimeout,
                 Duration rebuildTimeout, Duration importTimeout) {
    }

    static final Sizes QUICK = new Sizes(Duration.ofSeconds(15), Duration.ofSeconds(5), 20, 3_000, 8_000, 5,
            500, Duration.ofSeconds(30), 300_000, Duration.ofSeconds(10), Duration.ofMinutes(4), Duration.ofMinutes(4), Duration.ofMinutes(3));
    /** 100 000 clients of 10 events: the 1 million events of the rebuild target. */
    static final Sizes FULL = new Sizes(Duration.ofSeconds(60), Duration.ofSeconds(15), 100, 20_000, 100_000, 10,
            2_000, Duration.ofSeconds(120), 2_000_000, Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(20));

    static Options parse(String... args) {
        boolean quick = false;
        String gateway = null;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--gateway=")) {
                gateway = arg.substring("--gateway=".length()).replaceAll("/+$", "");
            } else {
                throw new IllegalArgumentException("Unknown option " + arg + ". Usage: ./bench/run [--quick] [--gateway=URL]");
            }
        }
        return new Options(quick, gateway, quick ? QUICK : FULL);
    }
}
