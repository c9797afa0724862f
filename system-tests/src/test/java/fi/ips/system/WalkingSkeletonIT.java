package fi.ips.system;

import com.jayway.jsonpath.JsonPath;
import fi.ips.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fi.ips.system.RunningPlatform.get;
import static fi.ips.system.RunningPlatform.post;
import static fi.ips.system.RunningPlatform.token;
import static fi.ips.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton through the real platform: referral and agreement through the gateway,
 * stored by Axon in PostgreSQL, relayed to Kafka, projected into MongoDB, read back through the
 * gateway; then a restart of the whole platform keeps the data (and the tokens' signing key) and
 * re-publishes nothing: the first event stored after it follows the earlier ones on the topic with
 * no repeat of them in between.
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
        List<ConsumerRecord<String, String>> before = TopicReader.read("localhost:" + RunningPlatform.PORTS.kafka(), "ips.referrals.v1", clientId, 2);
        assertThat(before).extracting(r -> header(r, "ce_type")).containsExactly("fi.ips.client.referred.v1", "fi.ips.agreement.signed.v1");
        assertThat(header(before.get(0), "ce_correlationid")).isEqualTo("skeleton-test-1");
        List<String> idsBefore = before.stream().map(r -> header(r, "ce_id")).toList();

        RunningPlatform.restart();

        // The token from before the restart still works: the signing key is kept with the data.
        assertThat(figure(get("/api/v1/outcomes/regions/17?asOf=2022-04-30", county), "$.agreements")).isEqualTo(1);
        assertThat((String) JsonPath.read(get("/api/v1/referrals/" + clientId, county).body(), "$.status")).isEqualTo("AGREEMENT_SIGNED");
        // A new event after the restart: the relay sends a client's events in order (one segment, one
        // partition), so anything it sent again from before would be on the topic ahead of this one.
        HttpResponse<String> ended = post("/api/v1/referrals/" + clientId + "/end", county, "{\"endedOn\":\"2022-06-01\",\"reason\":\"GOAL_ACHIEVED\"}");
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        List<ConsumerRecord<String, String>> after = readThrough(clientId, "fi.ips.service.ended.v1");
        assertThat(after).extracting(r -> header(r, "ce_id")).as("the client's events on the topic, up to the one stored after the restart")
                .hasSize(3).doesNotHaveDuplicates().startsWith(idsBefore.toArray(String[]::new));
        assertThat(after).extracting(r -> header(r, "ce_type"))
                .containsExactly("fi.ips.client.referred.v1", "fi.ips.agreement.signed.v1", "fi.ips.service.ended.v1");
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

    /**
     * The records with this key, in topic order, from the beginning through the first of the type
     * given (and whatever came with it in the same poll); fails if none came within a minute.
     */
    private static List<ConsumerRecord<String, String>> readThrough(String key, String lastType) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + RunningPlatform.PORTS.kafka(),
                ConsumerConfig.GROUP_ID_CONFIG, "skeleton-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("ips.referrals.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.stream().noneMatch(r -> lastType.equals(header(r, "ce_type"))) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        records.add(r);
                    }
                });
            }
        }
        assertThat(records).extracting(r -> header(r, "ce_type")).as("records of " + key + " within a minute").contains(lastType);
        return records;
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
