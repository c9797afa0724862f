package fi.ips.system;

import com.jayway.jsonpath.JsonPath;
import fi.ips.local.LocalPlatform;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton through the real platform: referral and agreement through the gateway,
 * stored by Axon in PostgreSQL, relayed to Kafka, projected into MongoDB, read back through the
 * gateway; then a restart of the whole platform keeps the data and re-publishes nothing.
 */
class WalkingSkeletonIT {

    /** Ports moved away from the defaults so that a developer's running platform does not clash. */
    private static final LocalPlatform.Ports PORTS = LocalPlatform.Ports.defaults().shiftedBy(10_000);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalPlatform platform;
    private static LocalPlatform.Config config;

    @BeforeAll
    static void startPlatform() throws IOException {
        Path data = Path.of(System.getProperty("ips.data", "target/platform-data"));
        FileSystemUtils.deleteRecursively(data);
        config = new LocalPlatform.Config(Path.of(System.getProperty("ips.home", "..")), data, PORTS, "256m");
        platform = LocalPlatform.start(config, System.out);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void agreementSignedThroughTheGatewayShowsInTheNationalFiguresAndSurvivesARestart() throws Exception {
        HttpResponse<String> referred = post("/api/v1/referrals",
                "{\"region\":\"14\",\"referredOn\":\"2022-03-01\",\"source\":\"PSYCHIATRIC_OUTPATIENT_CARE\",\"ageGroup\":\"25-34\"}");
        assertThat(referred.statusCode()).isEqualTo(201);
        String clientId = JsonPath.read(referred.body(), "$.clientId");
        assertThat(referred.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/referrals/" + clientId));

        HttpResponse<String> signed = post("/api/v1/referrals/" + clientId + "/agreement", "{\"signedOn\":\"2022-03-15\"}");
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(signed.body(), "$.status")).isEqualTo("AGREEMENT_SIGNED");

        awaitNationalAgreements(1, Duration.ofSeconds(30));
        assertThat(figure(get("/api/v1/outcomes/national?asOf=2022-03-14"), "$.agreements")).isZero();

        platform.close();
        platform = LocalPlatform.start(config, System.out);

        assertThat(figure(get("/api/v1/outcomes/national?asOf=2022-04-30"), "$.agreements")).isEqualTo(1);
        assertThat((String) JsonPath.read(get("/api/v1/referrals/" + clientId).body(), "$.status")).isEqualTo("AGREEMENT_SIGNED");
        List<ConsumerRecord<String, String>> onTopic = readTopic("ips.referrals.v1", 2);
        assertThat(onTopic).hasSize(2).allSatisfy(r -> assertThat(r.key()).isEqualTo(clientId));
        assertThat(onTopic).extracting(r -> header(r, "ce_type"))
                .containsExactly("fi.ips.client.referred.v1", "fi.ips.agreement.signed.v1");
        assertThat(onTopic).extracting(r -> header(r, "ce_id")).doesNotHaveDuplicates();
    }

    @Test
    void badInputIsAnsweredWithProblemJsonNamingTheField() throws Exception {
        HttpResponse<String> response = post("/api/v1/referrals",
                "{\"region\":\"14\",\"referredOn\":\"2022-03-01\",\"source\":\"PSYCHIATRIC_OUTPATIENT_CARE\",\"clientId\":\"not valid!\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((List<String>) JsonPath.read(response.body(), "$.errors[*].field")).containsExactly("clientId");
    }

    private void awaitNationalAgreements(long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = figure(get("/api/v1/outcomes/national"), "$.agreements");
            if (seen == expected) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(seen).as("national agreements after %s", timeout).isEqualTo(expected);
    }

    private static long figure(HttpResponse<String> response, String path) {
        assertThat(response.statusCode()).isEqualTo(200);
        return ((Number) JsonPath.read(response.body(), path)).longValue();
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Everything on the topic: reads until {@code expected} records came and a further second brings no more. */
    private static List<ConsumerRecord<String, String>> readTopic(String topic, int expected) {
        Properties props = new Properties();
        props.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + PORTS.kafka(),
                ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
