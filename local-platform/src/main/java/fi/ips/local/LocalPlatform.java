package fi.ips.local;

import fi.ips.process.ParentWatch;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The whole platform on one machine: embedded PostgreSQL, a Kafka broker, the MongoDB wire-protocol
 * server, the services and the gateway, each in its own process, all data under one folder.
 * Ctrl-C stops every process cleanly; a restart keeps all events and read models.
 */
public final class LocalPlatform implements AutoCloseable {

    /** Every port the platform listens on. */
    /** @param gatewayManagement the gateway's actuator (health, metrics): apart from its public port */
    public record Ports(int gateway, int gatewayManagement, int auth, int referral, int placement, int outcomes, int imports,
                        int kafka, int kafkaController, int mongo, int postgres) {

        public static Ports defaults() {
            return new Ports(8080, 8079, 9000, 8081, 8082, 8083, 8084, 9092, 9093, 27017, 15432);
        }

        /** The same layout moved by {@code offset}, for a second platform beside the first. */
        public Ports shiftedBy(int offset) {
            return new Ports(gateway + offset, gatewayManagement + offset, auth + offset, referral + offset, placement + offset,
                    outcomes + offset, imports + offset, kafka + offset, kafkaController + offset, mongo + offset, postgres + offset);
        }
    }

    /**
     * @param home    the project's root folder, where the service jars are built
     * @param dataDir where every process keeps its data and log
     */
    public record Config(Path home, Path dataDir, Ports ports, String serviceHeap) {
    }

    /**
     * The integrators' pseudonym key of every local platform: public, which is why outcomes-service has
     * no default of its own (a deployment sets a secret), and fine for the local platform's synthetic data.
     */
    private static final String LOCAL_PSEUDONYM_KEY = "local-development-pseudonym-key-not-for-production";
    private static final List<String> SERVICES = List.of("auth-server", "referral-service", "placement-service", "outcomes-service",
            "import-service", "gateway");
    private static final Duration INFRA_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(240);

    private final Config config;
    private final PrintStream out;
    private final List<ChildProcess> running = new ArrayList<>();
    /** How each process was started, and on which port it tells that it is ready: to start it again. */
    private final Map<String, Launch> launches = new LinkedHashMap<>();
    private final Supervision supervision;

    private record Launch(int port, Start start, Integer healthPort) {
    }

    /**
     * @param command   the process's command line, made again for each start: a service restarted after a
     *                  clean stop maps the class data archive its first run recorded
     * @param classData a service's class data sharing; null for the infrastructure
     */
    private record Start(Supplier<List<String>> command, ClassDataSharing classData) {
    }

    private LocalPlatform(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.supervision = new Supervision(out);
    }

    /**
     * Starts everything and returns once every process is ready.
     *
     * @throws PortInUseException before anything starts, when a port is taken
     * @throws IllegalStateException when a process fails to start; what had started is stopped again
     */
    public static LocalPlatform start(Config config, PrintStream out) {
        checkPortsFree(config.ports());
        checkJarsBuilt(config.home());
        LocalPlatform platform = new LocalPlatform(config, out);
        try {
            platform.startAll();
            return platform;
        } catch (ChildProcess.StartupFailedException e) {
            out.println("FAILED: " + e.getMessage());
            e.child().printLogTail(out, 40);
            platform.close();
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Whether every service of this build has its class data archive, recorded by an earlier clean
     * stop: without them a start takes longer (docs/performance.md, Start-up). Extracts the jars
     * where a start would.
     */
    public static boolean classDataRecorded(Path home) {
        checkJarsBuilt(home);
        return SERVICES.stream().allMatch(service -> ClassDataSharing.of(jar(home, service)).archived());
    }

    public String gatewayUrl() {
        return "http://localhost:" + config.ports().gateway();
    }

    public String authUrl() {
        return "http://localhost:" + config.ports().auth();
    }

    /** The processes that ended without the platform asking since it was up, as "name (exit code N)" ({@link Supervision}). */
    public List<String> unexpectedEnds() {
        return supervision.unexpectedEnds();
    }

    /** The process id of one process, e.g. to end it from outside the platform. */
    public synchronized long pid(String name) {
        return child(name).pid();
    }

    /**
     * Kills one process at once (SIGKILL), as a crash would; {@link #restart} brings it back. A
     * process that ends without being killed or stopped here is started again by itself ({@link Supervision}).
     */
    public synchronized void kill(String name) {
        out.println("Killing " + name + " ...");
        child(name).kill();
    }

    /** Stops one process cleanly; {@link #restart} brings it back. */
    public synchronized void stop(String name) {
        out.println("Stopping " + name + " ...");
        stop(child(name));
    }

    /** Starts one process again (stopping it first if it runs) on the same data, and returns once it is ready. */
    public synchronized void restart(String name) {
        ChildProcess previous = child(name);
        stop(previous);
        Launch launch = launches.get(name);
        ChildProcess child = ChildProcess.start(name, launch.port(), launch.start().command().get(), config.dataDir().toAbsolutePath().resolve("logs"));
        running.set(running.indexOf(previous), child);
        // Watched from its start: one that dies again before it is ready counts towards being left down.
        supervise(child);
        awaitReady(child);
    }

    private void supervise(ChildProcess child) {
        supervision.watch(child, () -> {
            synchronized (this) {
                // Unless it was started again meanwhile (restart) or the platform is stopping (close).
                if (running.contains(child) && !supervision.closed()) {
                    restart(child.name());
                }
            }
        });
    }

    /** Waits until {@code child} is ready: a service's health endpoint answers UP, the infrastructure's port is open. */
    private void awaitReady(ChildProcess child) {
        Integer healthPort = launches.get(child.name()).healthPort();
        if (healthPort == null) {
            child.awaitPort(INFRA_TIMEOUT);
        } else {
            child.awaitHealthy(healthPort, SERVICE_TIMEOUT);
        }
        out.printf("  %-18s ready on port %d (%.1f s)%n", child.name(), child.port(), child.uptime().toMillis() / 1000.0);
    }

    private ChildProcess child(String name) {
        return running.stream().filter(child -> child.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process " + name + "; there are " + launches.keySet()));
    }

    /** Stops every process ({@link #stopInOrder}), as many services at a time as there are cores (two at least). */
    @Override
    public void close() {
        // Before the lock, which a restart after a crash holds while its process starts: that restart stops waiting.
        supervision.close();
        synchronized (this) {
            stopInOrder(running, SERVICES::contains, Math.max(2, Runtime.getRuntime().availableProcessors()), this::stop, out);
            running.clear();
        }
    }

    /**
     * Stops the services, {@code together} at a time, then the infrastructure they used, the last
     * started first. Several at a time, because a service may write its class data archive as it
     * exits (the first stop after a build), seconds of CPU each: one after another that stop took
     * 42 s; more at a time than there are cores would bring each one near its 30 s limit.
     */
    static void stopInOrder(List<ChildProcess> running, Predicate<String> isService, int together, Consumer<ChildProcess> stop, PrintStream out) {
        List<ChildProcess> services = new ArrayList<>();
        List<ChildProcess> infrastructure = new ArrayList<>();
        for (int i = running.size() - 1; i >= 0; i--) {
            ChildProcess child = running.get(i);
            (isService.test(child.name()) ? services : infrastructure).add(child);
        }
        ExecutorService stopping = Executors.newFixedThreadPool(together, task -> new Thread(task, "stop-service"));
        for (ChildProcess service : services) {
            out.println("Stopping " + service.name() + " ...");
            stopping.execute(() -> stop.accept(service));
        }
        stopping.shutdown();
        // Waited for in full even when interrupted, so that the infrastructure is not stopped under a service still stopping.
        boolean interrupted = false;
        while (!stopping.isTerminated()) {
            try {
                stopping.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (ChildProcess child : infrastructure) {
            out.println("Stopping " + child.name() + " ...");
            stop.accept(child);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop(ChildProcess child) {
        boolean clean = child.stop();
        ClassDataSharing classData = launches.get(child.name()).start().classData();
        if (classData != null) {
            classData.stopped(clean);
        }
    }

    private void startAll() {
        long begin = System.nanoTime();
        Ports p = config.ports();
        Path data = config.dataDir().toAbsolutePath();
        Path logs = data.resolve("logs");

        out.println("Starting infrastructure (data in " + data + ", logs in " + logs + ") ...");
        List<ChildProcess> infra = List.of(
                launch("postgres", p.postgres(), null, tool(PostgresServer.class, "192m",
                        Integer.toString(p.postgres()), data.resolve("postgres").toString(), "referral", "placement", "imports")),
                launch("kafka", p.kafka(), null, tool(KafkaBroker.class, "256m",
                        Integer.toString(p.kafka()), Integer.toString(p.kafkaController()), data.resolve("kafka").toString())),
                // The wire server holds every document a query matches in memory until its cursor is read: the national
                // figures' summaries of 100 000 clients are some hundreds of MB, which ran it out of a 256 MB heap.
                launch("mongodb", p.mongo(), null, tool(MongoWireServer.class, "640m",
                        Integer.toString(p.mongo()), data.resolve("mongodb").resolve("outcomes.mv").toString())));
        infra.forEach(this::awaitReady);

        String kafka = "--spring.kafka.bootstrap-servers=localhost:" + p.kafka();
        String postgres = "--spring.datasource.url=jdbc:postgresql://localhost:" + p.postgres() + "/";
        // The embedded server's user (PostgresServer): the services have no default user or password.
        String user = "--spring.datasource.username=postgres";
        String password = "--spring.datasource.password=postgres";
        String issuer = authUrl();
        String trustedIssuer = "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer;
        out.println("Starting the authorisation server and the services ...");
        List<ChildProcess> services = List.of(
                launch("auth-server", p.auth(), p.auth(), service("auth-server", p.auth(), "--spring.profiles.active=local",
                        "--spring.security.oauth2.authorizationserver.issuer=" + issuer, "--ips.gateway-url=" + gatewayUrl(),
                        "--ips.auth.signing-key-file=" + data.resolve("auth").resolve("signing-key.json"))),
                launch("referral-service", p.referral(), p.referral(), service("referral-service", p.referral(), kafka, trustedIssuer,
                        postgres + "referral", user, password)),
                launch("placement-service", p.placement(), p.placement(), service("placement-service", p.placement(), kafka, trustedIssuer,
                        postgres + "placement", user, password)),
                launch("outcomes-service", p.outcomes(), p.outcomes(), service("outcomes-service", p.outcomes(), kafka, trustedIssuer,
                        "--spring.mongodb.uri=mongodb://localhost:" + p.mongo() + "/ips-outcomes",
                        "--ips.streams.pseudonym-key=" + LOCAL_PSEUDONYM_KEY)),
                launch("import-service", p.imports(), p.imports(), service("import-service", p.imports(), trustedIssuer, postgres + "imports", user, password,
                        "--ips.imports.referral-service=http://localhost:" + p.referral(),
                        "--ips.imports.placement-service=http://localhost:" + p.placement(),
                        "--ips.imports.identity.token-uri=" + issuer + "/oauth2/token")));
        services.forEach(this::awaitReady);

        ChildProcess gateway = launch("gateway", p.gateway(), p.gatewayManagement(), service("gateway", p.gateway(), trustedIssuer,
                "--management.server.port=" + p.gatewayManagement(),
                "--ips.gateway.dashboard-origin=" + gatewayUrl(),
                "--ips.routes.referral-service=http://localhost:" + p.referral(),
                "--ips.routes.placement-service=http://localhost:" + p.placement(),
                "--ips.routes.outcomes-service=http://localhost:" + p.outcomes(),
                "--ips.routes.import-service=http://localhost:" + p.imports()));
        awaitReady(gateway);
        running.forEach(this::supervise);

        out.printf("%nIPS platform is up (%d s). Data: %s%n", Duration.ofNanos(System.nanoTime() - begin).toSeconds(), data);
        out.printf("  %-18s %s   <- start here%n", "gateway", gatewayUrl());
        out.printf("  %-18s http://localhost:%d/actuator   (health, metrics)%n", "gateway management", p.gatewayManagement());
        out.printf("  %-18s %s   (demo credentials: README.md)%n", "auth-server", issuer);
        out.printf("  %-18s http://localhost:%d%n", "referral-service", p.referral());
        out.printf("  %-18s http://localhost:%d%n", "placement-service", p.placement());
        out.printf("  %-18s http://localhost:%d%n", "outcomes-service", p.outcomes());
        out.printf("  %-18s http://localhost:%d%n", "import-service", p.imports());
        out.printf("  %-18s localhost:%d (topics ips.referrals.v1, ips.placements.v1, ips.fidelity.v1)%n", "Kafka", p.kafka());
        out.printf("  %-18s mongodb://localhost:%d/ips-outcomes%n", "MongoDB (wire)", p.mongo());
        out.printf("  %-18s jdbc:postgresql://localhost:%d/{referral,placement,imports} (user postgres)%n", "PostgreSQL", p.postgres());
        out.printf("  %-18s %s%n", "logs", logs);
    }

    /** @param healthPort where a service's health endpoint tells that it is ready; null for the infrastructure (its port open) */
    private ChildProcess launch(String name, int port, Integer healthPort, Start start) {
        ChildProcess child = ChildProcess.start(name, port, start.command().get(), config.dataDir().toAbsolutePath().resolve("logs"));
        running.add(child);
        launches.put(name, new Launch(port, start, healthPort));
        return child;
    }

    /**
     * Every process's JVM beside its maximum heap: the serial collector (two cores, small heaps),
     * starting from a small heap that grows only as far as its live objects need (by default it
     * starts at a 64th of the machine's memory, here the whole -Xmx, and garbage soon touches every
     * page of it: the platform took 3.33 GB after the benchmark's full-size scenarios, 2.46 GB with
     * these flags, docs/performance.md), malloc's freed memory handed back to the system every 30 s,
     * and the JIT's code cache and the class metadata bounded well above what a service uses
     * (15–30 MB and 60–85 MB, `jcmd PID Compiler.codecache` / `VM.metaspace`). A JVM out of memory
     * ends, to be started again ({@link Supervision}), instead of running on without the thread it
     * lost (the event store's reader, which the relay follows, once).
     */
    private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xms64m", "-XX:TrimNativeHeapInterval=30000",
            "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=192m", "-XX:+ExitOnOutOfMemoryError");

    /** A process of this module's own classes (the infrastructure), on this JVM's class path. */
    private static Start tool(Class<?> main, String heap, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of(parentPid(), "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new Start(() -> command, null);
    }

    private Start service(String name, int port, String... args) {
        ClassDataSharing classData = ClassDataSharing.of(jar(config.home(), name));
        return new Start(() -> {
            List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + config.serviceHeap()));
            command.addAll(JVM_FLAGS);
            // Two cores serve at most a few dozen requests at once; more threads only add stacks and queueing for the CPU.
            command.addAll(List.of("-Dserver.tomcat.threads.max=64", parentPid()));
            command.addAll(classData.launch());
            command.add("--server.port=" + port);
            command.addAll(List.of(args));
            return command;
        }, classData);
    }

    private static String parentPid() {
        return "-D" + ParentWatch.PROPERTY + "=" + ProcessHandle.current().pid();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path jar(Path home, String service) {
        return home.resolve(service).resolve("target").resolve(service + ".jar").toAbsolutePath().normalize();
    }

    private static void checkJarsBuilt(Path home) {
        for (String service : SERVICES) {
            if (!Files.isRegularFile(jar(home, service))) {
                throw new IllegalStateException(jar(home, service) + " is missing: build first with ./mvnw -DskipTests package");
            }
        }
    }

    private static void checkPortsFree(Ports p) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("gateway", p.gateway());
        ports.put("gateway management", p.gatewayManagement());
        ports.put("auth-server", p.auth());
        ports.put("referral-service", p.referral());
        ports.put("placement-service", p.placement());
        ports.put("outcomes-service", p.outcomes());
        ports.put("import-service", p.imports());
        ports.put("Kafka", p.kafka());
        ports.put("Kafka controller", p.kafkaController());
        ports.put("MongoDB wire server", p.mongo());
        ports.put("PostgreSQL", p.postgres());
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            try (ServerSocket socket = new ServerSocket()) {
                // As the servers do: connections of a stopped run in TIME_WAIT do not block the port, a listener does.
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(port.getValue()));
            } catch (IOException e) {
                throw new PortInUseException(port.getKey(), port.getValue());
            }
        }
    }

    /** A port the platform needs is taken by another process. */
    public static final class PortInUseException extends RuntimeException {
        PortInUseException(String what, int port) {
            super("Port " + port + " (" + what + ") is already in use. Is the platform already running? "
                    + "Stop whatever uses the port, or start with --port-offset=N to move every port by N.");
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Path home = Path.of("").toAbsolutePath();
        Path dataDir = home.resolve("data");
        int offset = 0;
        boolean demo = false;
        for (String arg : args) {
            if (arg.equals("--demo")) {
                demo = true;
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length())).toAbsolutePath();
            } else if (arg.startsWith("--port-offset=")) {
                offset = Integer.parseInt(arg.substring("--port-offset=".length()));
            } else if (arg.startsWith("--home=")) {
                home = Path.of(arg.substring("--home=".length())).toAbsolutePath();
            } else {
                System.err.println("Unknown option " + arg + ". Options: --demo --data-dir=DIR --port-offset=N --home=DIR");
                System.exit(2);
            }
        }
        LocalPlatform platform;
        try {
            platform = start(new Config(home, dataDir, Ports.defaults().shiftedBy(offset), "256m"), System.out);
        } catch (PortInUseException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        } catch (IllegalStateException e) {
            System.err.println("The platform did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Path keptIn = dataDir;
        if (demo) {
            try {
                DemoData.load(platform.gatewayUrl(), platform.authUrl(), System.out);
            } catch (IllegalStateException e) {
                System.err.println(e.getMessage() + " (the platform keeps running)");
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            System.out.println("Stopped. Data kept in " + keptIn);
            stopped.countDown();
        }, "platform-shutdown"));
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }
}
