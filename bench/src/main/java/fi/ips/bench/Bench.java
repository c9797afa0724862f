package fi.ips.bench;

import fi.ips.bench.ceiling.KafkaCeiling;
import fi.ips.bench.ceiling.PostgresCeiling;
import fi.ips.bench.freshness.Freshness;
import fi.ips.bench.ingestion.BulkImport;
import fi.ips.bench.ingestion.LoadResult;
import fi.ips.bench.ingestion.SingleEventIngestion;
import fi.ips.bench.platform.Endpoints;
import fi.ips.bench.platform.Gateway;
import fi.ips.bench.platform.Http;
import fi.ips.bench.platform.MachineLoad;
import fi.ips.bench.platform.ProcessMemory;
import fi.ips.bench.platform.Tokens;
import fi.ips.bench.readmodel.KpiQueries;
import fi.ips.bench.readmodel.Projection;
import fi.ips.bench.readmodel.Rebuild;
import fi.ips.bench.readmodel.SyntheticJourneys;
import fi.ips.bench.report.Check;
import fi.ips.bench.report.IngestionChart;
import fi.ips.bench.report.Latencies;
import fi.ips.bench.report.Report;
import fi.ips.bench.report.Section;
import fi.ips.bench.report.Target;
import fi.ips.events.Region;
import fi.ips.local.Folders;
import fi.ips.local.LocalPlatform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code ./bench/run [--quick] [--gateway=URL]}: starts the platform (ports moved by 20 000, data in a
 * temporary folder) or uses a running one, drives it through the gateway as counties' systems and
 * dashboards do, measures the machine's own Kafka and PostgreSQL rates for comparison, and writes
 * {@code bench/target/report/performance.md} and {@code ingestion.png}. A scenario that fails is
 * reported as failed; the others still run.
 */
public final class Bench {

    /** Not 0 (./platform), 10 000 (system tests) or 30 000 (LocalPlatformTest). */
    static final int PORT_OFFSET = 20_000;
    static final String SERVICE_HEAP = "256m";
    private static final int[] LEVELS = {1, 8, 32, 128};
    private static final int FRESHNESS_LOAD_CLIENTS = 32;
    private static final double MB = 1e6;
    private static final Target INGESTION_RATE = Target.atLeast(1000, "events/s");
    private static final Target INGESTION_P99 = Target.atMost(100, "ms");

    // Each scenario writes to regions of its own, so that one's data never blurs another's figures.
    private static final String WARM_UP_REGION = "91";
    private static final String[] LEVEL_REGIONS = {"01", "02", "03", "04"};
    private static final String IMPORT_REGION = "05";
    private static final String FRESHNESS_IDLE_REGION = "06";
    private static final String FRESHNESS_LOAD_REGION = "07";
    private static final String LOAD_REGION = "08";
    private static final List<Region> READ_MODEL_REGIONS = Stream.of("10", "11", "12", "13", "14", "15", "16", "17", "18", "19")
            .map(Region::ofCode).toList();

    private final Options options;
    private final Path home;
    /** Six base-36 characters in every client id: this run's clients never meet an earlier run's on the same platform. */
    private final String runId = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
    private final Http http = new Http();
    private final List<Check> checks = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final Map<String, String> failures = new LinkedHashMap<>();

    private Endpoints endpoints;
    /** The platform this run started; null when it measures a running one. */
    private LocalPlatform platform;
    private Tokens tokens;
    /** Events the live projection had still to consume when the idle freshness probes began. */
    private long projectionBacklog;
    /** Our rates, kept to hold them against the machine's ceiling at the end. */
    private double readModelRate = Double.NaN;
    private double liveProjectionRate = Double.NaN;

    private Bench(Options options, Path home) {
        this.options = options;
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new Bench(options, Path.of("").toAbsolutePath()).run(args));
    }

    private int run(String[] args) throws Exception {
        MachineLoad.Snapshot runStart = MachineLoad.snapshot(portsOf(options));
        String startedAt = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        endpoints = new Endpoints(portsOf(options));
        Duration startUp = null;
        Duration firstStart = null;
        if (options.gateway() == null) {
            if (!LocalPlatform.classDataRecorded(home)) {
                // The start-up target is for a platform's every start; the first after a build extracts the jars and records the
                // services' class data archives (docs/performance.md, Start-up), so it is measured apart, on data of its own.
                Path scratch = Files.createTempDirectory("ips-bench-first-");
                progress("A first start after the build, which records the services' class data archives (data in " + scratch + ") ...");
                long begin = System.nanoTime();
                try (LocalPlatform first = startPlatform(scratch)) {
                    if (first == null) {
                        return 1;
                    }
                    firstStart = Duration.ofNanos(System.nanoTime() - begin);
                    progress("Stopping it ...");
                } finally {
                    deleteRecursively(scratch);
                }
            }
            Path dataDir = Files.createTempDirectory("ips-bench-");
            progress("Starting the platform (ports + " + PORT_OFFSET + ", data in " + dataDir + ") ...");
            long begin = System.nanoTime();
            LocalPlatform started = startPlatform(dataDir);
            if (started == null) {
                deleteRecursively(dataDir);
                return 1;
            }
            startUp = Duration.ofNanos(System.nanoTime() - begin);
            platform = started;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteRecursively(dataDir);
            }, "bench-shutdown"));
        } else {
            progress("Using the platform at " + endpoints.gateway());
        }
        tokens = new Tokens(endpoints.auth(), http);
        List<ProcessMemory.Usage> idleMemory = ProcessMemory.of(endpoints.ports());

        // The ceiling first, on the idle platform; then the read model, while only its own journeys are in it: on the embedded
        // MongoDB wire server each projected event costs time in proportion to the clients already there (docs/performance.md).
        KafkaCeiling.Result kafka = step("machine ceiling: Kafka", () -> KafkaCeiling.run(endpoints.kafka(), options.sizes().kafkaRecords(),
                SyntheticJourneys.meanValueBytes()));
        PostgresCeiling.Result postgres = step("machine ceiling: PostgreSQL", () -> PostgresCeiling.run(endpoints.postgres("postgres"),
                32, SyntheticJourneys.meanValueBytes(), options.sizes().postgresEach()));
        step("read model (KPI queries, rebuild)", this::readModel);
        MachineLoad.Snapshot ingestionStart = MachineLoad.snapshot(endpoints.ports());
        List<LoadResult> levels = step("single-event ingestion", this::ingestion);
        MachineLoad.Snapshot ingestionEnd = MachineLoad.snapshot(endpoints.ports());
        step("end-to-end freshness", this::freshness);
        step("bulk ingestion", this::bulk);
        List<ProcessMemory.Usage> loadedMemory = ProcessMemory.of(endpoints.ports());
        ceiling(kafka, postgres, levels);
        memory(idleMemory, loadedMemory, startUp, firstStart);

        if (!failures.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            failures.forEach((scenario, why) -> rows.add(List.of(scenario, why)));
            sections.add(new Section("Scenarios that failed", List.of("scenario", "why"), rows, List.of()));
        }
        List<String> context = context(startedAt, args);
        context.add("Other processes on the machine (not the platform, not the benchmark) used "
                + Report.percent(MachineLoad.othersShare(runStart, MachineLoad.snapshot(endpoints.ports()))) + " of its CPU during the run, "
                + Report.percent(MachineLoad.othersShare(ingestionStart, ingestionEnd)) + " during single-event ingestion.");
        if (platform != null) {
            List<String> ends = platform.unexpectedEnds();
            // A crash and its restart (the platform's own) would be in the figures; say so rather than let them pass as the platform's speed.
            context.add("Processes of the platform that ended without the platform asking during the run: "
                    + (ends.isEmpty() ? "none." : "**" + String.join(", ", ends) + "** – the figures include each outage and what followed."));
        }
        Report report = new Report("IPS platform performance", context, checks, sections);
        Path dir = home.resolve("bench").resolve("target").resolve("report");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("performance.md"), report.toMarkdown(), StandardCharsets.UTF_8);
        if (levels != null) {
            IngestionChart.write(levels.stream().map(l -> new IngestionChart.Point(l.clients(), l.eventsPerSecond(), l.latencies())).toList(),
                    INGESTION_RATE.limit(), INGESTION_P99.limit(), dir.resolve("ingestion.png"));
        }
        System.out.println();
        System.out.println(report.toMarkdown());
        System.out.println("Written: " + home.relativize(dir.resolve("performance.md")) + ", " + home.relativize(dir.resolve("ingestion.png")));
        return 0;
    }

    /** The ports of the platform under test, known before it starts. */
    private static LocalPlatform.Ports portsOf(Options options) {
        return options.gateway() == null ? LocalPlatform.Ports.defaults().shiftedBy(PORT_OFFSET) : Endpoints.ofGateway(options.gateway()).ports();
    }

    private List<LoadResult> ingestion() {
        SingleEventIngestion load = new SingleEventIngestion(gateway());
        progress("Warming up for " + options.sizes().warmUp().toSeconds() + " s (region " + WARM_UP_REGION + ") ...");
        load.run(8, WARM_UP_REGION, options.sizes().warmUp(), new AtomicBoolean());
        List<LoadResult> results = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < LEVELS.length; i++) {
            progress("Single-event ingestion, " + LEVELS[i] + " clients, " + options.sizes().perLevel().toSeconds() + " s ...");
            LoadResult result = load.run(LEVELS[i], LEVEL_REGIONS[i], options.sizes().perLevel(), new AtomicBoolean());
            results.add(result);
            Latencies l = result.latencies();
            rows.add(List.of(Integer.toString(result.clients()), result.region(), Report.number(result.eventsPerSecond()),
                    Report.number(l.p50Ms()), Report.number(l.p95Ms()), Report.number(l.p99Ms()), Report.number(l.maxMs()),
                    Long.toString(result.accepted()), errors(result.errors())));
            if (LEVELS[i] == 32) {
                checks.add(Check.of("Single-event ingestion, 32 clients", result.eventsPerSecond(), "events/s", INGESTION_RATE));
                checks.add(Check.of("Single-event ingestion p99, 32 clients", l.p99Ms(), "ms", INGESTION_P99));
            }
        }
        sections.add(new Section("Single-event ingestion (HTTP, through the gateway)",
                List.of("clients", "region", "events/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "events stored", "errors"), rows,
                List.of("Each client is a county's system calling in a closed loop: it refers a new synthetic client, then signs its agreement, "
                                + "each request storing one event; the next request goes as soon as the previous is answered. "
                                + options.sizes().perLevel().toSeconds() + " s per level after a " + options.sizes().warmUp().toSeconds()
                                + " s warm-up; latency is from sending to the whole answer, errors included; an error is any answer but 2xx, or none.",
                        "![events/s and latency per number of clients](ingestion.png)")));
        return results;
    }

    private void freshness() throws Exception {
        Freshness freshness = new Freshness(gateway());
        // Idle means the projection has nothing left to do from the scenarios before: ingestion outruns it.
        progress("Freshness: waiting for the live projection to catch up with the earlier scenarios ...");
        long behind;
        Duration waited;
        try (Projection projection = new Projection(endpoints.kafka())) {
            long start = System.nanoTime();
            behind = projection.lag();
            projectionBacklog = projection.awaitCaughtUp(options.sizes().projectionTimeout());
            waited = Duration.ofNanos(System.nanoTime() - start);
        }
        progress("Freshness, idle: " + options.sizes().freshnessProbes() + " probes ...");
        Freshness.Result idle = freshness.run(FRESHNESS_IDLE_REGION, options.sizes().freshnessProbes());

        progress("Freshness under load (" + FRESHNESS_LOAD_CLIENTS + " clients writing): " + options.sizes().freshnessProbes() + " probes ...");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<LoadResult> load = new AtomicReference<>();
        Thread background = new Thread(() -> load.set(new SingleEventIngestion(gateway().forRun("l"))
                .run(FRESHNESS_LOAD_CLIENTS, LOAD_REGION, Duration.ofHours(1), stop)), "freshness-load");
        background.start();
        Freshness.Result loaded;
        try {
            Thread.sleep(3000);
            loaded = freshness.run(FRESHNESS_LOAD_REGION, options.sizes().freshnessProbes());
        } finally {
            stop.set(true);
            background.join();
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(freshnessRow(projectionBacklog == 0 ? "idle (the live projection first worked off a backlog of " + behind
                + " events from the scenarios before, in " + Report.number(waited.toMillis() / 1000.0) + " s)"
                : "not idle: the live projection was still " + projectionBacklog + " events behind after "
                + options.sizes().projectionTimeout().toMinutes() + " minutes", idle));
        rows.add(freshnessRow("under load: " + FRESHNESS_LOAD_CLIENTS + " clients writing " + Report.number(load.get().eventsPerSecond())
                + " events/s in region " + LOAD_REGION + " (" + errors(load.get().errors()) + " errors)", loaded));
        sections.add(new Section("End-to-end freshness (event accepted → live stream)",
                List.of("condition", "region", "probes", "missed", "p50 ms", "p99 ms", "max ms"), rows,
                List.of("A probe refers a new synthetic client in a region nothing else writes to and waits for the outcomes' live stream "
                        + "(SSE through the gateway, subscribed as that county) to name the region; measured from the 201 arriving to the message arriving. "
                        + "Probes go one at a time, 0.3–0.7 s apart. A probe with no announcement within 15 s, or whose request failed, is missed "
                        + "and counts as 15 s, so that percentiles with misses are lower bounds; after 3 misses in a row the remaining probes "
                        + "are not sent (the projection has fallen behind) and count as missed.")));
        checks.add(Check.of("Freshness p99, idle", idle.latencies().p99Ms(), "ms", Target.atMost(1000, "ms")));
        checks.add(Check.of("Freshness p99, under load", loaded.latencies().p99Ms(), "ms", Target.atMost(1000, "ms")));
    }

    private static List<String> freshnessRow(String condition, Freshness.Result result) {
        Latencies l = result.latencies();
        return List.of(condition, result.region(), Integer.toString(result.probes()), Integer.toString(result.missed()),
                Report.number(l.p50Ms()), Report.number(l.p99Ms()), Report.number(l.maxMs()));
    }

    private Gateway gateway() {
        return new Gateway(http, tokens, endpoints.gateway(), runId);
    }

    private void bulk() throws Exception {
        progress("Bulk ingestion: an import of " + options.sizes().importClients() * 3 + " rows ...");
        BulkImport.Result result = new BulkImport(gateway())
                .run(IMPORT_REGION, options.sizes().importClients(), options.sizes().importTimeout());
        sections.add(new Section("Bulk ingestion (the import path)",
                List.of("region", "rows", "stored", "refused", "status", "seconds", "events/s"),
                List.of(List.of(result.region(), Integer.toString(result.rows()), Long.toString(result.accepted()), Long.toString(result.refused()),
                        result.status(), Report.number(result.elapsed().toMillis() / 1000.0), Report.number(result.eventsPerSecond()))),
                List.of("One CSV file (" + options.sizes().importClients() + " synthetic clients: a referral, an agreement and a paid job each) "
                        + "uploaded through the gateway to `POST /api/v1/imports`; timed from the upload to the import's report saying COMPLETED.")));
        checks.add(Check.of("Bulk ingestion (import)", result.eventsPerSecond(), "events/s", Target.atLeast(20_000, "events/s")));
    }

    private void readModel() throws Exception {
        int clients = options.sizes().readModelClients();
        SyntheticJourneys.Seeded seeded;
        long consumed;
        long left;
        Duration projecting;
        try (Projection projection = new Projection(endpoints.kafka())) {
            long before = projection.lag();
            long start = System.nanoTime();
            progress("Read model: writing " + clients + " synthetic journeys to the topics ...");
            seeded = SyntheticJourneys.seed(endpoints.kafka(), runId, READ_MODEL_REGIONS, clients, options.sizes().eventsPerClient());
            progress("Waiting for the live projection to catch up with " + seeded.events() + " events ...");
            left = projection.awaitCaughtUp(options.sizes().projectionTimeout());
            consumed = before + seeded.events() - left;
            projecting = Duration.ofNanos(System.nanoTime() - start);
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("synthetic events written to the topics", Long.toString(seeded.events()),
                Report.number(seeded.elapsed().toMillis() / 1000.0), Report.number(seeded.events() / (seeded.elapsed().toNanos() / 1e9))));
        liveProjectionRate = consumed / (projecting.toNanos() / 1e9);
        rows.add(List.of("live projection consuming them" + (left == 0 ? "" : " (gave up with " + left + " still to go)"), Long.toString(consumed),
                Report.number(projecting.toMillis() / 1000.0), Report.number(liveProjectionRate)));

        String asOf = LocalDate.now(ZoneOffset.UTC).toString();
        String region = READ_MODEL_REGIONS.get(0).code();
        progress("KPI queries ...");
        List<KpiQueries.Result> queries = KpiQueries.run(http, endpoints.gateway(),
                List.of("/api/v1/outcomes/regions/" + region + "?asOf=" + asOf, "/api/v1/outcomes/national?asOf=" + asOf),
                tokens.coordinator(), options.sizes().warmUp(), options.sizes().kpiQueries(), options.sizes().kpiBudget());
        KpiQueries.Result regionQuery = queries.get(0);
        KpiQueries.Result nationalQuery = queries.get(1);
        List<List<String>> kpiRows = new ArrayList<>();
        for (KpiQueries.Result query : List.of(regionQuery, nationalQuery)) {
            kpiRows.add(List.of("`GET " + query.query() + "`", Integer.toString(query.latencies().count()), Report.number(query.latencies().p50Ms()),
                    Report.number(query.latencies().p99Ms()), Report.number(query.latencies().maxMs()), errors(query.errors())));
        }
        checks.add(Check.of("KPI query p99, one region (" + clients / READ_MODEL_REGIONS.size() + " clients)", regionQuery.latencies().p99Ms(), "ms",
                Target.atMost(20, "ms")));
        checks.add(Check.of("KPI query p99, national (" + clients + "+ clients)", nationalQuery.latencies().p99Ms(), "ms", Target.atMost(20, "ms")));

        progress("Rebuilding the read models ...");
        Rebuild.Result rebuild = Rebuild.run(http, endpoints.outcomes(), tokens.coordinator(), options.sizes().rebuildTimeout());
        rows.add(List.of("rebuild (" + rebuild.state() + ")", Long.toString(rebuild.replayed()), Report.number(rebuild.elapsed().toMillis() / 1000.0),
                Report.number(rebuild.eventsPerSecond())));
        checks.add(Check.of("Rebuild (" + rebuild.replayed() + " events)", rebuild.eventsPerSecond(), "events/s", Target.atLeast(20_000, "events/s")));
        readModelRate = rebuild.eventsPerSecond();

        sections.add(new Section("Read model: filling, rebuilding, querying", List.of("what", "events", "seconds", "events/s"), rows,
                List.of(clients + " synthetic clients of " + options.sizes().eventsPerClient() + " events each (a referral, the agreement, paid jobs "
                                + "started and ended) in regions " + READ_MODEL_REGIONS.get(0).code() + "–" + READ_MODEL_REGIONS.get(READ_MODEL_REGIONS.size() - 1).code()
                                + " were written straight to the topics in the relays' format (the HTTP path would take hours for this many), "
                                + "then outcomes-service's live projection consumed them (timed from the first write to its consumer group's lag "
                                + "reaching 0, or to the end of its " + options.sizes().projectionTimeout().toMinutes() + " minutes).",
                        "The rebuild (`POST /actuator/rebuild` on outcomes-service with a coordinator's token, as `deploy/rebuild-read-models.sh` does) "
                                + "replays everything in both topics: the synthetic journeys and whatever else they hold. Its time is the "
                                + "service's own start-to-finish, less the fixed 3 s pause it makes before replaying. A rebuild not done within "
                                + options.sizes().rebuildTimeout().toMinutes() + " minutes is rated by the events replayed by then, and goes on "
                                + "in the service beside the later scenarios.")));
        sections.add(new Section("KPI queries (through the gateway, coordinator's token, one at a time)",
                List.of("query", "queries", "p50 ms", "p99 ms", "max ms", "errors"), kpiRows,
                List.of("With " + clients + " synthetic clients in the read model (and whatever it held before); "
                        + "region " + region + " holds " + clients / READ_MODEL_REGIONS.size() + " of them. At most "
                        + options.sizes().kpiQueries() + " queries each or " + options.sizes().kpiBudget().toSeconds() + " s, after "
                        + options.sizes().warmUp().toSeconds() * queries.size() + " s of unmeasured ones, both queries in turn "
                        + "(a warm-up, as for ingestion: these are the first requests the gateway serves in the run).")));
    }

    /** Holds our figures against the machine's: a ceiling that could not be measured leaves its comparisons out. */
    private void ceiling(KafkaCeiling.Result kafka, PostgresCeiling.Result postgres, List<LoadResult> levels) {
        if (kafka == null || postgres == null) {
            return;
        }
        int recordBytes = kafka.recordBytes();
        double ingestion = levels == null ? Double.NaN : levels.stream().filter(l -> l.clients() == 32).findFirst().map(LoadResult::eventsPerSecond).orElse(Double.NaN);
        List<Check> withCeilings = new ArrayList<>();
        for (Check check : checks) {
            if (check.figure().startsWith("Single-event ingestion,")) {
                withCeilings.add(check.against(postgres.singleRowCommitsPerSecond(), "PostgreSQL single-row commits"));
            } else if (check.figure().startsWith("Bulk")) {
                withCeilings.add(check.against(postgres.batchedRowsPerSecond(), "PostgreSQL batched inserts"));
            } else if (check.figure().startsWith("Rebuild")) {
                withCeilings.add(check.against(kafka.consumerPerSecond(), "the Kafka consumer"));
            } else {
                withCeilings.add(check);
            }
        }
        checks.clear();
        checks.addAll(withCeilings);
        List<List<String>> rows = List.of(
                List.of("Kafka producer (ProducerPerformance, acks=all, 3 partitions)", Report.number(kafka.producerPerSecond()),
                        ratio(ingestion, kafka.producerPerSecond()) + " (single-event ingestion, 32 clients)"),
                List.of("Kafka consumer (ConsumerPerformance, fetch rate)", Report.number(kafka.consumerPerSecond()),
                        ratio(readModelRate, kafka.consumerPerSecond()) + " (rebuild), " + ratio(liveProjectionRate, kafka.consumerPerSecond()) + " (live projection)"),
                List.of("PostgreSQL, one row per transaction, " + postgres.connections() + " connections", Report.number(postgres.singleRowCommitsPerSecond()),
                        ratio(ingestion, postgres.singleRowCommitsPerSecond()) + " (single-event ingestion, 32 clients)"),
                List.of("PostgreSQL, 1 000 rows per transaction, one connection", Report.number(postgres.batchedRowsPerSecond()), "see Targets (bulk)"));
        sections.add(new Section("The machine's ceiling (same machine, same run, platform started and idle)", List.of("raw rate", "records/s", "our figure as a share of it"), rows,
                List.of("Records of " + recordBytes + " bytes, the mean size of the platform's event JSON. Kafka: the broker's own performance tools (kafka-tools "
                        + "of the broker's version) on a topic of their own, " + kafka.records() + " records. PostgreSQL: rows shaped like Axon's event entries in a "
                        + "database of their own, " + options.sizes().postgresEach().toSeconds() + " s each.")));
    }

    /** @return null when the platform did not start (told on standard error) */
    private LocalPlatform startPlatform(Path dataDir) {
        try {
            return LocalPlatform.start(new LocalPlatform.Config(home, dataDir, endpoints.ports(), SERVICE_HEAP), System.out);
        } catch (RuntimeException e) {
            System.err.println("The platform did not start: " + e.getMessage());
            return null;
        }
    }

    /** @param firstStart the first start after the build, when this run made it; null when the archives were there */
    private void memory(List<ProcessMemory.Usage> idle, List<ProcessMemory.Usage> loaded, Duration startUp, Duration firstStart) {
        List<List<String>> rows = new ArrayList<>();
        long idlePss = 0;
        long loadedPss = 0;
        long loadedRss = 0;
        for (ProcessMemory.Usage after : loaded.stream().sorted(Comparator.comparing(ProcessMemory.Usage::pssBytes).reversed()).toList()) {
            ProcessMemory.Usage before = idle.stream().filter(u -> u.name().equals(after.name())).findFirst().orElse(null);
            rows.add(List.of(after.name(), before == null ? "–" : Report.number(before.pssBytes() / MB),
                    Report.number(after.pssBytes() / MB), Report.number(after.rssBytes() / MB)));
            idlePss += before == null ? 0 : before.pssBytes();
            loadedPss += after.pssBytes();
            loadedRss += after.rssBytes();
        }
        rows.add(List.of("**whole platform**", Report.number(idlePss / MB), Report.number(loadedPss / MB), Report.number(loadedRss / MB)));
        sections.add(new Section("Memory and start-up", List.of("process", "PSS MB after start", "PSS MB after the scenarios", "RSS MB after the scenarios"), rows,
                List.of("From /proc/<pid>/smaps_rollup, each process with its children (PostgreSQL's server and backends under its launcher). "
                                + "PSS shares shared pages out among the processes that map them, so the sum is what the platform takes from the machine; "
                                + "RSS counts shared pages once per process. Services run with -Xmx" + SERVICE_HEAP + ".",
                        startUp == null ? "Start-up not measured: the platform was already running." :
                                "Start-up of the whole platform, from launch to the gateway healthy: " + Report.number(startUp.toMillis() / 1000.0)
                                        + " s, with the services' class data archives" + (firstStart == null ? " of an earlier start of this build."
                                        : "; the first start after the build, which extracts the jars and records the archives, took "
                                        + Report.number(firstStart.toMillis() / 1000.0) + " s."))));
        checks.add(Check.of("Whole platform resident (PSS, after the scenarios)", loadedPss / 1e9, "GB", Target.atMost(3, "GB")));
        if (startUp != null) {
            checks.add(Check.of("Start-up of the whole platform", startUp.toMillis() / 1000.0, "s", Target.atMost(60, "s")));
        }
    }

    private List<String> context(String startedAt, String[] args) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("Run: " + startedAt + ", `./bench/run" + (args.length == 0 ? "" : " " + String.join(" ", args)) + "`"
                + (options.quick() ? " (quick sizes)" : ""));
        lines.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + Report.number(memTotalKb() / 1024.0 / 1024.0) + " GiB RAM, Java " + Runtime.version() + ", " + System.getProperty("os.name")
                + " " + System.getProperty("os.version"));
        lines.add(options.gateway() == null
                ? "Platform: started by the benchmark from the built jars (embedded PostgreSQL, Kafka, MongoDB wire server; services -Xmx" + SERVICE_HEAP
                + "), ports moved by " + PORT_OFFSET + ", fresh data in a temporary folder; the gateway's rate limit raised for the run "
                + "(`IPS_GATEWAY_RATE_LIMIT_PER_SECOND`, `…_BURST`) so that the load is not refused as one client's"
                : "Platform: the running one at " + options.gateway() + " (its other ports assumed moved by the same offset as the gateway's)");
        lines.add("The benchmark's own load generator runs on the same cores as the platform.");
        return lines;
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    }

    private static long memTotalKb() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
    }

    private static String ratio(double ours, double ceiling) {
        return Double.isNaN(ours) || Double.isNaN(ceiling) || ceiling == 0 ? "–" : Report.percent(ours / ceiling);
    }

    private static String errors(Map<String, Long> errors) {
        if (errors.isEmpty()) {
            return "0";
        }
        List<String> kinds = new ArrayList<>();
        errors.forEach((kind, n) -> kinds.add(n + "× " + kind));
        return String.join(", ", kinds);
    }

    private interface Scenario<T> {
        T run() throws Exception;
    }

    private interface VoidScenario {
        void run() throws Exception;
    }

    /** Runs a scenario; a failure is recorded for the report and the run goes on. */
    private <T> T step(String name, Scenario<T> scenario) {
        try {
            return scenario.run();
        } catch (Exception | AssertionError e) {
            progress("FAILED: " + name + ": " + e);
            failures.put(name, e.toString());
            return null;
        }
    }

    private void step(String name, VoidScenario scenario) {
        step(name, () -> {
            scenario.run();
            return null;
        });
    }

    private static void progress(String message) {
        System.out.println("» " + message);
    }

    private static void deleteRecursively(Path dir) {
        try {
            Folders.deleteTree(dir);
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
