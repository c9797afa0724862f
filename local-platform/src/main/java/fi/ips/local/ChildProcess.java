package fi.ips.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/** One process of the local platform, its output in a log file of its own. */
final class ChildProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path logFile;
    private final Process process;
    private final long startedAt = System.nanoTime();
    /** Whether the platform ended it ({@link #kill}, {@link #stop}): an end it did not ask for is a crash. */
    private volatile boolean endAsked;

    private ChildProcess(String name, int port, Path logFile, Process process) {
        this.name = name;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
    }

    static ChildProcess start(String name, int port, List<String> command, Path logDir) {
        try {
            Files.createDirectories(logDir);
            Path logFile = logDir.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            // glibc gives each busy thread a malloc arena of its own (up to 8 per core); a JVM
            // allocates little outside its heap, so two arenas serve it as well with less memory.
            builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            Process process = builder.start();
            return new ChildProcess(name, port, logFile, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** Waits until the port accepts connections. */
    void awaitPort(Duration timeout) {
        await(timeout, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Waits until Spring Boot's health endpoint, on {@code managementPort}, answers UP. */
    void awaitHealthy(int managementPort, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        await(timeout, () -> {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        return process.pid();
    }

    boolean endAsked() {
        return endAsked;
    }

    /** Runs {@code action} with the exit code once the process has ended, however it ended. */
    CompletableFuture<Void> onEnd(IntConsumer action) {
        return process.onExit().thenAccept(ended -> action.accept(ended.exitValue()));
    }

    Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** Ends the process at once (SIGKILL): no shutdown hooks run, as in a crash. */
    void kill() {
        endAsked = true;
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Asks the process to stop (SIGTERM) and waits for it, killing it after 30 s.
     *
     * @return whether it ended by itself after this request: not when it had ended before or had to be killed
     */
    boolean stop() {
        endAsked = true;
        if (!process.isAlive()) {
            return false;
        }
        process.destroy();
        try {
            if (process.waitFor(30, TimeUnit.SECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The end of the log, to show why a process failed. */
    void printLogTail(PrintStream out, int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            out.println("---- last lines of " + logFile + " ----");
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(out::println);
            out.println("----");
        } catch (IOException e) {
            out.println("(cannot read " + logFile + ": " + e.getMessage() + ")");
        }
    }

    private interface Check {
        boolean ok() throws InterruptedException;
    }

    private void await(Duration timeout, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!check.ok()) {
                if (!process.isAlive()) {
                    throw new StartupFailedException(this, name + " exited with code " + process.exitValue() + " while starting");
                }
                if (System.nanoTime() > deadline) {
                    throw new StartupFailedException(this, name + " was not ready within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailedException(this, "interrupted while waiting for " + name);
        }
    }

    static final class StartupFailedException extends RuntimeException {
        private final transient ChildProcess child;

        StartupFailedException(ChildProcess child, String message) {
            super(message);
            this.child = child;
        }

        ChildProcess child() {
            return child;
        }
    }
}
