package fi.ips.system;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static fi.ips.system.RunningPlatform.get;
import static fi.ips.system.RunningPlatform.post;
import static fi.ips.system.RunningPlatform.token;
import static org.assertj.core.api.Assertions.assertThat;

/** The outcomes' Server-Sent Events, through the gateway: a dashboard hears of a change without polling. */
class LiveFiguresIT {

    /** Generous: this is behaviour (the change is announced), not a speed target. */
    private static final Duration ANNOUNCED_WITHIN = Duration.ofSeconds(30);

    @Test
    void anAgreementIsAnnouncedOnTheLiveStreamWithinSeconds() throws Exception {
        String county = token("region-20");
        HttpRequest subscribe = HttpRequest.newBuilder(URI.create(RunningPlatform.gatewayUrl() + "/api/v1/outcomes/live"))
                .header("Authorization", "Bearer " + county).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(subscribe, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        BlockingQueue<String> announcements = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> stream.body()
                .filter(line -> line.startsWith("data:") && line.matches(".*\"regions\":\\[[^\\]]*\"20\".*"))
                .forEach(announcements::add), "live-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            HttpResponse<String> referred = post("/api/v1/referrals", county, "{\"region\":\"20\",\"referredOn\":\"2022-02-01\",\"source\":\"OTHER\"}");
            assertThat(referred.statusCode()).as(referred.body()).isEqualTo(201);
            String clientId = JsonPath.read(referred.body(), "$.clientId");
            // The referral's own announcement goes first, so that it cannot pass for the agreement's.
            assertThat(announcements.poll(ANNOUNCED_WITHIN.toMillis(), TimeUnit.MILLISECONDS)).as("the referral announced").isNotNull();
            assertThat(agreements(county)).as("agreements in region 20 before the agreement").isZero();
            announcements.clear();

            HttpResponse<String> signed = post("/api/v1/referrals/" + clientId + "/agreement", county, "{\"signedOn\":\"2022-02-15\"}");
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);

            // An announcement after which the figures show the agreement: a dashboard told of the change reads it.
            long deadline = System.nanoTime() + ANNOUNCED_WITHIN.toNanos();
            long agreements = 0;
            while (agreements != 1 && System.nanoTime() < deadline) {
                String announcement = announcements.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (announcement == null) {
                    break;
                }
                agreements = agreements(county);
            }
            assertThat(agreements).as("agreements in region 20 once a change was announced after the agreement").isEqualTo(1);
        } finally {
            stream.body().close();
        }
    }

    private static long agreements(String token) {
        HttpResponse<String> figures = get("/api/v1/outcomes/regions/20", token);
        assertThat(figures.statusCode()).as(figures.body()).isEqualTo(200);
        return ((Number) JsonPath.read(figures.body(), "$.agreements")).longValue();
    }
}
