package fi.ips.system;

import com.jayway.jsonpath.JsonPath;
import fi.ips.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static fi.ips.system.RunningPlatform.get;
import static fi.ips.system.RunningPlatform.post;
import static fi.ips.system.RunningPlatform.token;
import static fi.ips.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton through the real platform: referral and agreement through the gateway,
 * stored by Axon in PostgreSQL, relayed to Kafka, projected into MongoDB, read back through the
 * gateway; then a restart of the whole platform keeps the data (and the tokens' signing key) and
 * re-publishes nothing.
 */
class WalkingSkeletonIT {

    @Test
    void agreementSignedThroughTheGatewayShowsInTheFiguresAndSurvivesARestart() {
        String county = token("region-17");
        HttpResponse<String> referred = RunningPlatform.send(HttpRequest.newBuilder(URI.create(RunningPlatform.gatewayUrl() + "/api/v1/referrals"))
                .header("Content-Type", "application/json").header("X-Correlation-Id", "skeleton-test-1")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"region\":\"17\",\"referredOn\":\"2022-03-01\",\"source\":\"PSYCHIATRIC_OUTPATIENT_CARE\",\"ageGroup\":\"25-34\"}")),
                county);
        assertThat(referred.statusCode()).isEqualTo(201);
        assertThat(referred.headers().firstValue("X-Correlation-Id")).hasValue("skeleton-test-1");
        String clientId = JsonPath.read(referred.body(), "$.clientId");
        // The Location names the gateway, not the service behind it (X-Forwarded-* headers).
        assertThat(referred.headers().firstValue("Location")).hasValue(RunningPlatform.gatewayUrl() + "/api/v1/referrals/" + clientId);

        HttpResponse<String> signed = post("/api/v1/referrals/" + clientId + "/agreement", county, "{\"signedOn\":\"2022-03-15\"}");
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(signed.body(), "$.status")).isEqualTo("AGREEMENT_SIGNED");

        awaitRegionAgreements(county, 1, Duration.ofSeconds(30));
        assertThat(figure(get("/api/v1/outcomes/regions/17?asOf=2022-03-14", county), "$.agreements")).isZero();

        RunningPlatform.restart();

        // The token from before the restart still works: the signing key is kept with the data.
        assertThat(figure(get("/api/v1/outcomes/regions/17?asOf=2022-04-30", county), "$.agreements")).isEqualTo(1);
        assertThat((String) JsonPath.read(get("/api/v1/referrals/" + clientId, county).body(), "$.status")).isEqualTo("AGREEMENT_SIGNED");
        List<ConsumerRecord<String, String>> onTopic = TopicReader.read("localhost:" + RunningPlatform.PORTS.kafka(), "ips.referrals.v1", clientId, 2);
        assertThat(onTopic).hasSize(2);
        assertThat(onTopic).extracting(r -> header(r, "ce_type"))
                .containsExactly("fi.ips.client.referred.v1", "fi.ips.agreement.signed.v1");
        assertThat(onTopic).extracting(r -> header(r, "ce_id")).doesNotHaveDuplicates();
        assertThat(header(onTopic.get(0), "ce_correlationid")).isEqualTo("skeleton-test-1");
    }

    @Test
    void aPaidJobRightAfterTheAgreementCountsAsEmployment() {
        String county = token("region-19");
        String clientId = JsonPath.read(post("/api/v1/referrals", county,
                "{\"region\":\"19\",\"referredOn\":\"2022-01-10\",\"source\":\"SELF_REFERRAL\"}").body(), "$.clientId");
        assertThat(post("/api/v1/referrals/" + clientId + "/agreement", county, "{\"signedOn\":\"2022-01-20\"}").statusCode()).isEqualTo(200);

        HttpResponse<String> job = post("/api/v1/jobs", county,
                "{\"clientId\":\"" + clientId + "\",\"startedOn\":\"2022-03-01\",\"jobType\":\"PAID_OPEN_MARKET\"}");

        assertThat(job.statusCode()).as(job.body()).isEqualTo(201);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long employed = 0;
        while (employed == 0 && System.nanoTime() < deadline) {
            employed = figure(get("/api/v1/outcomes/regions/19?asOf=2022-04-30", county), "$.employed");
            sleep(200);
        }
        assertThat(employed).isEqualTo(1);
        assertThat(figure(get("/api/v1/outcomes/regions/19?asOf=2022-02-28", county), "$.employed")).isZero();
        HttpResponse<String> placements = get("/api/v1/clients/" + clientId + "/placements", county);
        assertThat((List<String>) JsonPath.read(placements.body(), "$[*].kind")).containsExactly("JOB");
    }

    @Test
    void badInputIsAnsweredWithProblemJsonNamingTheField() {
        HttpResponse<String> response = post("/api/v1/referrals", token("region-14"),
                "{\"region\":\"14\",\"referredOn\":\"2022-03-01\",\"source\":\"PSYCHIATRIC_OUTPATIENT_CARE\",\"clientId\":\"not valid!\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((List<String>) JsonPath.read(response.body(), "$.errors[*].field")).containsExactly("clientId");
    }

    private static void awaitRegionAgreements(String token, long expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = figure(get("/api/v1/outcomes/regions/17", token), "$.agreements");
            if (seen == expected) {
                return;
            }
            sleep(200);
        }
        assertThat(seen).as("agreements in region 17 after %s", timeout).isEqualTo(expected);
    }

    private static long figure(HttpResponse<String> response, String path) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ((Number) JsonPath.read(response.body(), path)).longValue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
