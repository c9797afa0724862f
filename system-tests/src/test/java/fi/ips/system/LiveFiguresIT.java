package fi.ips.system;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static fi.ips.system.RunningPlatform.post;
import static fi.ips.system.RunningPlatform.token;
import static org.assertj.core.api.Assertions.assertThat;

/** The outcomes' Server-Sent Events, through the gateway: a dashboard hears of a change without polling. */
class LiveFiguresIT {

    @Test
    void anAgreementIsAnnouncedOnTheLiveStreamWithinSeconds() throws Exception {
        String county = token("region-20");
        HttpRequest subscribe = HttpRequest.newBuilder(URI.create(RunningPlatform.gatewayUrl() + "/api/v1/outcomes/live"))
                .header("Authorization", "Bearer " + county).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(subscribe, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        Iterator<String> lines = stream.body().iterator();
        CompletableFuture<String> announcement = CompletableFuture.supplyAsync(() -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:") && line.contains("\"20\"")) {
                    return line;
                }
            }
            return null;
        });

        String clientId = com.jayway.jsonpath.JsonPath.read(post("/api/v1/referrals", county,
                "{\"region\":\"20\",\"referredOn\":\"2022-02-01\",\"source\":\"OTHER\"}").body(), "$.clientId");
        post("/api/v1/referrals/" + clientId + "/agreement", county, "{\"signedOn\":\"2022-02-15\"}");

        assertThat(announcement.get(15, TimeUnit.SECONDS)).contains("\"regions\":[\"20\"]");
        stream.body().close();
    }
}
