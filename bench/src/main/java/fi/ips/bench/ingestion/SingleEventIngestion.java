package fi.ips.bench.ingestion;

import fi.ips.bench.platform.Gateway;
import fi.ips.bench.platform.Http;
import fi.ips.bench.report.Latencies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Single-event HTTP ingestion through the gateway: {@code clients} callers, each sending its next
 * request as soon as the previous one is answered (a closed loop, as a county's system submitting
 * one event per call would). Each caller refers a new synthetic client and then signs its
 * agreement: two requests, each storing one event.
 */
public final class SingleEventIngestion {

    private final Gateway gateway;

    public SingleEventIngestion(Gateway gateway) {
        this.gateway = gateway;
    }

    /** Runs {@code clients} callers in {@code region} for {@code duration}; {@code stop} ends it early. */
    public LoadResult run(int clients, String region, Duration duration, AtomicBoolean stop) {
        List<Caller> callers = new ArrayList<>();
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Caller caller = new Caller("bi-" + gateway.runId() + "-r" + region + "-c" + clients + "-w" + i, region, deadline, stop);
            caller.thread.start();
            callers.add(caller);
        }
        long accepted = 0;
        Map<String, Long> errors = new TreeMap<>();
        int samples = 0;
        for (Caller caller : callers) {
            try {
                caller.thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            accepted += caller.accepted;
            caller.errors.forEach((kind, n) -> errors.merge(kind, n, Long::sum));
            samples += caller.samples;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long[] latencies = new long[samples];
        int at = 0;
        for (Caller caller : callers) {
            System.arraycopy(caller.latencies, 0, latencies, at, caller.samples);
            at += caller.samples;
        }
        return new LoadResult(clients, region, accepted, errors, elapsed, Latencies.ofNanos(latencies));
    }

    private final class Caller implements Runnable {
        private final String prefix;
        private final String region;
        private final long deadline;
        private final AtomicBoolean stop;
        private final Thread thread;
        private final Map<String, Long> errors = new TreeMap<>();
        private long[] latencies = new long[1024];
        private int samples;
        private long accepted;

        Caller(String prefix, String region, long deadline, AtomicBoolean stop) {
            this.prefix = prefix;
            this.region = region;
            this.deadline = deadline;
            this.stop = stop;
            this.thread = new Thread(this, prefix);
        }

        @Override
        public void run() {
            for (int n = 0; System.nanoTime() < deadline && !stop.get(); n++) {
                String clientId = prefix + "-n" + n;
                boolean referred = record(gateway.http().postJson(gateway.url() + "/api/v1/referrals", gateway.tokens().region(region),
                        "{\"clientId\":\"" + clientId + "\",\"region\":\"" + region + "\",\"referredOn\":\"2024-01-15\","
                                + "\"source\":\"PSYCHIATRIC_OUTPATIENT_CARE\",\"ageGroup\":\"25-34\"}"));
                if (referred && System.nanoTime() < deadline) {
                    record(gateway.http().postJson(gateway.url() + "/api/v1/referrals/" + clientId + "/agreement", gateway.tokens().region(region),
                            "{\"signedOn\":\"2024-02-01\"}"));
                }
            }
        }

        private boolean record(Http.Response response) {
            if (samples == latencies.length) {
                latencies = Arrays.copyOf(latencies, samples * 2);
            }
            latencies[samples++] = response.nanos();
            if (response.ok()) {
                accepted++;
            } else {
                errors.merge(response.errorKind(), 1L, Long::sum);
            }
            return response.ok();
        }
    }
}
