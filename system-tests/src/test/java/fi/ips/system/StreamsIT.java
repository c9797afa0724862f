package fi.ips.system;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static fi.ips.system.RunningPlatform.get;
import static fi.ips.system.RunningPlatform.post;
import static fi.ips.system.RunningPlatform.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integrators' event stream through the gateway (Server-Sent Events): resuming with
 * Last-Event-ID under a steady stream of submissions, per-integrator pseudonyms and the regions
 * granted. Regions 12 and 13 are this test's own; 14 is shared, so only this test's clients count there.
 */
class StreamsIT {

    private static final String REFERRED = "fi.ips.client.referred.v1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aDroppedConnectionResumesWithLastEventIdMissingNothingAndRepeatingNothing() throws Exception {
        String county = token("region-13");
        AtomicBoolean submitting = new AtomicBoolean(true);
        AtomicInteger submitted = new AtomicInteger();
        List<String> received = new ArrayList<>();
        Thread submitter = new Thread(() -> {
            while (submitting.get()) {
                String client = "stream-" + UUID.randomUUID().toString().substring(0, 8);
                if (post("/api/v1/referrals", county, "{\"clientId\":\"%s\",\"region\":\"13\",\"referredOn\":\"2023-05-02\",\"source\":\"SELF_REFERRAL\"}"
                        .formatted(client)).statusCode() == 201) {
                    submitted.incrementAndGet();
                }
            }
        });
        try {
            String lastId;
            try (Sse first = Sse.open("/api/v1/streams/events?types=" + REFERRED, token("integrator"), null)) {
                submitter.start();
                lastId = readRegion13(first, 10, received);
            }
            // The connection is dropped (whatever the first stream had buffered beyond lastId is lost with
            // it) while submissions go on; they go on for a moment before the integrator reconnects.
            int beforeReconnecting = submitted.get();
            long pause = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (submitted.get() < beforeReconnecting + 3 && System.nanoTime() < pause) {
                Thread.sleep(100);
            }
            try (Sse second = Sse.open("/api/v1/streams/events?types=" + REFERRED, token("integrator"), lastId)) {
                Thread.sleep(1500);
                submitting.set(false);
                submitter.join();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (received.size() < submitted.get() && System.nanoTime() < deadline) {
                    readRegion13(second, 1, received);
                }
            }
        } finally {
            submitting.set(false);
            submitter.join();
        }
        assertThat(submitted.get()).isGreaterThan(10);
        assertThat(received).hasSize(submitted.get()).doesNotHaveDuplicates();
    }

    @Test
    void eachIntegratorSeesItsOwnStablePseudonymsAndOnlyTheRegionsGrantedToIt() throws Exception {
        String client = "pseudo-" + UUID.randomUUID().toString().substring(0, 8);
        String county = token("region-14");
        // A referral only (region 14's agreement figures are other tests' to check), on a date no other test uses.
        post("/api/v1/referrals", county, "{\"clientId\":\"%s\",\"region\":\"14\",\"referredOn\":\"2016-02-29\",\"source\":\"SELF_REFERRAL\"}".formatted(client));
        post("/api/v1/referrals", token("region-12"), "{\"clientId\":\"%s-12\",\"region\":\"12\",\"referredOn\":\"2023-05-02\",\"source\":\"SELF_REFERRAL\"}".formatted(client));

        Seen national = referralAsSeenBy(token("integrator"));
        Seen nationalAgain = referralAsSeenBy(token("integrator"));
        Seen county14 = referralAsSeenBy(token("integrator-14"));
        assertThat(national.subject()).isEqualTo(nationalAgain.subject()).isNotEqualTo(county14.subject()).startsWith("ps-");
        assertThat(national.subject()).doesNotContain(client);
        // The event's id is pseudonymous too: the stored one (in the client's history) would join the integrators' streams.
        String storedId = JsonPath.read(get("/api/v1/referrals/" + client, county).body(), "$.history[0].eventId");
        assertThat(national.id()).isEqualTo(nationalAgain.id()).isNotEqualTo(county14.id()).isNotEqualTo(storedId).startsWith("ps-");

        try (Sse stream = Sse.open("/api/v1/streams/events?from=beginning", token("integrator-14"), null)) {
            Set<String> regions = new HashSet<>();
            String data;
            do {
                data = stream.next(Duration.ofSeconds(30)).data();
                regions.add(JsonPath.read(data, "$.data.region"));
            } while (!(JsonPath.read(data, "$.type").equals(REFERRED) && JsonPath.read(data, "$.subject").equals(county14.subject())));
            assertThat(regions).containsExactly("14");
        }
    }

    /** A county's fidelity review reaches the stream from its own topic: its subject is the region, there being no client. */
    @Test
    void aFidelityReviewReachesTheStreamWithItsRegionAsSubject() throws Exception {
        String day = java.time.LocalDate.of(2016, 1, 1).plusDays(new java.util.Random().nextInt(3000)).toString();
        assertThat(RunningPlatform.put("/api/v1/fidelity-reviews/12/" + day, token("region-12"), "{\"score\":97}").statusCode()).isIn(200, 201);
        try (Sse stream = Sse.open("/api/v1/streams/events?from=beginning&types=fi.ips.fidelity.reviewed.v1", token("integrator"), null)) {
            String data;
            do {
                data = stream.next(Duration.ofSeconds(30)).data();
                assertThat((String) JsonPath.read(data, "$.type")).isEqualTo("fi.ips.fidelity.reviewed.v1");
            } while (!day.equals(JsonPath.read(data, "$.data.reviewedOn")) || !"12".equals(JsonPath.read(data, "$.data.region")));
            assertThat((String) JsonPath.read(data, "$.subject")).isEqualTo("12");
            assertThat((Integer) JsonPath.read(data, "$.data.score")).isEqualTo(97);
            assertThat((Integer) JsonPath.read(data, "$.data.revision")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void theContractIsOpenAndABadPositionOrTypeIsAProblemAndOthersMayNotSubscribe() throws Exception {
        assertThat(status("/api/v1/streams/asyncapi.json", null, null)).isEqualTo(200);
        assertThat(status("/api/v1/streams/schemas/fi.ips.job.started.v1", null, null)).isEqualTo(200);
        assertThat(status("/api/v1/streams/events", null, null)).isEqualTo(401);
        assertThat(status("/api/v1/streams/events", token("integrator"), "not-a-position")).isEqualTo(400);
        assertThat(status("/api/v1/streams/events?types=fi.ips.nothing.v1", token("integrator"), null)).isEqualTo(422);
        assertThat(status("/api/v1/streams/events", token("region-14"), null)).isEqualTo(403);
    }

    @Test
    void aDroppedConnectionFreesItsStream() throws Exception {
        // The service notices a dropped connection only when a write fails: the first keep-alive
        // (every 5 s) after the drop still fits into the socket's buffer and draws the reset, the
        // second fails. So a stream is freed within two keep-alives and a poll; earlier tests'
        // streams go first, so that only this test's stream is timed.
        assertThat(streamsFreedWithin(Duration.ofSeconds(30))).as("streams of earlier tests freed").isTrue();
        Sse stream = Sse.open("/api/v1/streams/events", token("integrator"), null);
        assertThat(openStreams()).isEqualTo(1);
        stream.close();
        assertThat(streamsFreedWithin(Duration.ofSeconds(20))).as("the dropped stream freed").isTrue();
    }

    /** Whether no stream holds a Kafka consumer and a thread any more, waiting at most {@code timeout}. */
    private static boolean streamsFreedWithin(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (openStreams() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        return openStreams() == 0;
    }

    /** The outcomes service's gauge of the streams it serves, read from its own metrics endpoint. */
    private static double openStreams() throws Exception {
        URI metrics = URI.create("http://localhost:" + RunningPlatform.PORTS.outcomes() + "/actuator/prometheus");
        String body = HTTP.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(line -> line.startsWith("ips_streams_subscribers"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
    }

    /** The subject (the client's pseudonym) and the event's id of a referral, as an integrator receives them. */
    private record Seen(String subject, String id) {
    }

    /** The test's referral as an integrator receives it, replaying from the beginning. */
    private static Seen referralAsSeenBy(String integrator) throws Exception {
        try (Sse stream = Sse.open("/api/v1/streams/events?from=beginning&types=" + REFERRED, integrator, null)) {
            while (true) {
                String data = stream.next(Duration.ofSeconds(30)).data();
                if (JsonPath.read(data, "$.data.referredOn").equals("2016-02-29") && JsonPath.read(data, "$.data.region").equals("14")) {
                    assertThat((String) JsonPath.read(data, "$.data.clientId")).isEqualTo(JsonPath.read(data, "$.subject"));
                    return new Seen(JsonPath.read(data, "$.subject"), JsonPath.read(data, "$.id"));
                }
            }
        }
    }

    /** Reads until {@code count} more region-13 referrals have arrived; returns the last event's id. */
    private static String readRegion13(Sse stream, int count, List<String> received) throws InterruptedException {
        String lastId = null;
        int seen = 0;
        while (seen < count) {
            Event event = stream.next(Duration.ofSeconds(30));
            lastId = event.id();
            if (JsonPath.read(event.data(), "$.data.region").equals("13")) {
                received.add(JsonPath.read(event.data(), "$.id"));
                seen++;
            }
        }
        return lastId;
    }

    private static int status(String path, String token, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RunningPlatform.gatewayUrl() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    record Event(String id, String data) {
    }

    /** A minimal SSE client: events with data, in order; closing it drops the connection. */
    static final class Sse implements AutoCloseable {

        private final InputStream body;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        private Sse(InputStream body) {
            this.body = body;
            Thread reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Sse open(String path, String token, String lastEventId) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RunningPlatform.gatewayUrl() + path))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            return new Sse(response.body());
        }

        Event next(Duration timeout) throws InterruptedException {
            Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within " + timeout).isNotNull();
            return event;
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    } else if (line.isEmpty() && !data.isEmpty()) {
                        events.add(new Event(id, data.toString()));
                        data.setLength(0);
                    }
                }
            } catch (IOException closed) {
                // the connection was dropped
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
