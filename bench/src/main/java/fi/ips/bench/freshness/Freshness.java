package fi.ips.bench.freshness;

import fi.ips.bench.platform.Gateway;
import fi.ips.bench.platform.Http;
import fi.ips.bench.report.Latencies;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * End-to-end freshness: from an accepted event (its 201 received) to the outcomes' live stream
 * announcing the changed figures of its region, as a dashboard sees it. One probe at a time, each a
 * referral of a new synthetic client in a region nothing else writes to; the subscriber is that
 * county, so it is told of its own region only.
 */
public final class Freshness {

    /**
     * @param missed    probes whose announcement did not come within the timeout, or whose request failed,
     *                  and those left out after {@link #GIVE_UP_AFTER} such misses in a row
     * @param latencies of every probe, a missed one counted as the timeout: its percentiles are then lower bounds
     */
    public record Result(String region, int probes, int missed, Latencies latencies) {
    }

    private record Announcement(long at, String data) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Misses in a row that show the projection has fallen behind: more probes would only wait out their timeouts. */
    private static final int GIVE_UP_AFTER = 3;

    private final Gateway gateway;

    public Freshness(Gateway gateway) {
        this.gateway = gateway;
    }

    public Result run(String region, int probes) throws Exception {
        BlockingQueue<Announcement> announcements = new LinkedBlockingQueue<>();
        HttpRequest subscribe = HttpRequest.newBuilder(URI.create(gateway.url() + "/api/v1/outcomes/live"))
                .header("Authorization", "Bearer " + gateway.tokens().region(region)).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> stream = gateway.http().client().send(subscribe, HttpResponse.BodyHandlers.ofLines());
        if (stream.statusCode() != 200) {
            throw new IllegalStateException("the live stream answered " + stream.statusCode());
        }
        Iterator<String> lines = stream.body().iterator();
        Thread reader = new Thread(() -> {
            try {
                while (lines.hasNext()) {
                    String line = lines.next();
                    if (line.startsWith("data:")) {
                        announcements.add(new Announcement(System.nanoTime(), line));
                    }
                }
            } catch (RuntimeException closed) {
                // The stream is closed at the end of the run: nothing more to read.
            }
        }, "freshness-stream-" + region);
        reader.setDaemon(true);
        reader.start();
        try {
            long[] freshness = new long[probes];
            int measured = 0;
            int missedInARow = 0;
            String mark = "\"" + region + "\"";
            for (int i = 0; i < probes && missedInARow < GIVE_UP_AFTER; i++) {
                // Off the announcer's 250 ms rhythm, so that the probes sample every phase of it.
                Thread.sleep(300 + ThreadLocalRandom.current().nextInt(400));
                announcements.clear();
                long sent = System.nanoTime();
                Http.Response response = gateway.http().postJson(gateway.url() + "/api/v1/referrals", gateway.tokens().region(region),
                        "{\"clientId\":\"bf-" + gateway.runId() + "-r" + region + "-n" + i + "\",\"region\":\"" + region
                                + "\",\"referredOn\":\"2024-03-01\",\"source\":\"SELF_REFERRAL\"}");
                long accepted = sent + response.nanos();
                Announcement seen = response.ok() ? awaitAnnouncement(announcements, mark, sent) : null;
                if (seen == null) {
                    missedInARow++;
                } else {
                    missedInARow = 0;
                    // An announcement overtaking the 201 on its way back counts as immediate.
                    freshness[measured++] = Math.max(0, seen.at() - accepted);
                }
            }
            Arrays.fill(freshness, measured, probes, TIMEOUT.toNanos());
            return new Result(region, probes, probes - measured, Latencies.ofNanos(freshness));
        } finally {
            stream.body().close();
        }
    }

    private static Announcement awaitAnnouncement(BlockingQueue<Announcement> announcements, String mark, long since)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Announcement next = announcements.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next != null && next.at() >= since && next.data().contains(mark)) {
                return next;
            }
        }
        return null;
    }
}
