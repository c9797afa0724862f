package fi.ips.referral.relay;

import fi.ips.referral.ReferralServiceApplication;
import fi.ips.testsupport.Callers;
import fi.ips.testsupport.Infrastructure;
import fi.ips.testsupport.Ports;
import fi.ips.testsupport.TopicReader;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static fi.ips.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What an integrator sees on {@code ips.referrals.v1} when referral-service runs against a real
 * PostgreSQL and a real Kafka broker, before and after a restart of the service. The subclasses
 * say where the infrastructure comes from.
 */
abstract class RelayContract {

    abstract Infrastructure infrastructure();

    @Test
    void storedEventsReachTheTopicOnceWithTheirHeadersAcrossARestart() throws Exception {
        String clientId = "relay-" + UUID.randomUUID();
        try (ConfigurableApplicationContext service = startService()) {
            post(service, "/api/v1/referrals", referral(clientId));
            post(service, "/api/v1/referrals/" + clientId + "/agreement", "{\"signedOn\":\"2022-03-10\"}");
            List<ConsumerRecord<String, String>> before = read(clientId, 2);
            assertThat(before).hasSize(2);
            ConsumerRecord<String, String> referred = before.get(0);
            assertThat(referred.topic()).isEqualTo("ips.referrals.v1");
            assertThat(referred.key()).isEqualTo(clientId);
            assertThat(header(referred, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(referred, "ce_type")).isEqualTo("fi.ips.client.referred.v1");
            assertThat(header(referred, "ce_source")).isEqualTo("/ips/referral-service");
            assertThat(header(referred, "ce_subject")).isEqualTo(clientId);
            assertThat(header(referred, "ce_time")).isNotBlank();
            assertThat(header(referred, "content-type")).isEqualTo("application/json");
            assertThat(referred.value()).contains("\"clientId\":\"" + clientId + "\"", "\"region\":\"16\"",
                    "\"referredOn\":\"2022-03-01\"", "\"schemaVersion\":1");
            assertThat(header(before.get(1), "ce_type")).isEqualTo("fi.ips.agreement.signed.v1");
            MockMvcBuilders.webAppContextSetup((WebApplicationContext) service).build()
                    .perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/actuator/health/readiness"))
                    .andExpect(status().isOk());
            var lag = service.getBean(io.micrometer.core.instrument.MeterRegistry.class).get("ips.relay.lag").gauge();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (lag.value() != 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(lag.value()).as("events stored but not relayed, once both are on the topic").isZero();
        }

        List<String> idsBefore = read(clientId, 2).stream().map(r -> header(r, "ce_id")).toList();
        try (ConfigurableApplicationContext restarted = startService()) {
            post(restarted, "/api/v1/referrals/" + clientId + "/end", "{\"endedOn\":\"2022-06-01\",\"reason\":\"GOAL_ACHIEVED\"}");
            List<ConsumerRecord<String, String>> after = read(clientId, 3);
            assertThat(after).extracting(r -> header(r, "ce_id")).hasSize(3).doesNotHaveDuplicates().startsWith(idsBefore.toArray(String[]::new));
            assertThat(header(after.get(2), "ce_type")).isEqualTo("fi.ips.service.ended.v1");
        }
    }

    @Test
    void anIntegratorReadsTheTopicWithTheCloudEventsSdksOwnKafkaDeserializer() throws Exception {
        String clientId = "sdk-" + UUID.randomUUID();
        try (ConfigurableApplicationContext service = startService()) {
            post(service, "/api/v1/referrals", referral(clientId));
            assertThat(readAsCloudEvent(clientId)).satisfies(referred -> {
                assertThat(referred.getSpecVersion()).isEqualTo(SpecVersion.V1);
                assertThat(referred.getType()).isEqualTo("fi.ips.client.referred.v1");
                assertThat(referred.getSource()).hasToString("/ips/referral-service");
                assertThat(referred.getSubject()).isEqualTo(clientId);
                assertThat(referred.getId()).isNotBlank();
                assertThat(referred.getTime()).isNotNull();
                assertThat(referred.getDataContentType()).isEqualTo("application/json");
                assertThat(new String(referred.getData().toBytes(), StandardCharsets.UTF_8)).contains("\"referredOn\":\"2022-03-01\"");
            });
        }
    }

    /** A fidelity review is about a county, not a client: on a topic of its own, keyed by its region. */
    @Test
    void aFidelityReviewReachesItsOwnTopicKeyedByRegion() throws Exception {
        try (ConfigurableApplicationContext service = startService()) {
            MockMvcBuilders.webAppContextSetup((WebApplicationContext) service).apply(springSecurity()).build()
                    .perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/fidelity-reviews/16/2024-03-15")
                            .with(Callers.county("16")).contentType(MediaType.APPLICATION_JSON).content("{\"score\":108}"))
                    .andExpect(status().isCreated());
            ConsumerRecord<String, String> reviewed = TopicReader.read(infrastructure().bootstrapServers(), "ips.fidelity.v1", "16", 1).get(0);
            assertThat(header(reviewed, "ce_type")).isEqualTo("fi.ips.fidelity.reviewed.v1");
            assertThat(header(reviewed, "ce_subject")).isEqualTo("16");
            assertThat(header(reviewed, "ce_source")).isEqualTo("/ips/referral-service");
            assertThat(reviewed.value()).contains("\"region\":\"16\"", "\"reviewedOn\":\"2024-03-15\"", "\"revision\":1",
                    "\"score\":108", "\"itemScores\":null");
        }
    }

    /** Without a broker at start the service stops, naming the topics, instead of answering 201 with a relay that can never publish. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void withoutABrokerTheServiceDoesNotStart(CapturedOutput output) throws Exception {
        int noBroker = Ports.unused();
        assertThatThrownBy(() -> startServiceWithBroker("localhost:" + noBroker, "--spring.kafka.admin.operation-timeout=2s").close())
                .hasStackTraceContaining("Could not configure topics");
        assertThat(output).contains("Kafka at localhost:" + noBroker + " did not create or describe the platform's topics",
                "Check SPRING_KAFKA_BOOTSTRAP_SERVERS");
    }

    /** No database user or password by default: without them the service does not start, rather than use the local platform's. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void withoutDatabaseCredentialsTheServiceDoesNotStart(CapturedOutput output) {
        // The URL without the user some infrastructures name in it (?user=…).
        String url = infrastructure().jdbcUrl().replaceAll("\\?.*", "");
        assertThatThrownBy(() -> new SpringApplicationBuilder(ReferralServiceApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.kafka.bootstrap-servers=" + infrastructure().bootstrapServers()).close())
                .hasStackTraceContaining("PSQLException");
        assertThat(output).contains("refused the service's user", "Check SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD");
    }

    /** While the relay cannot reach Kafka, what it has not published is counted (it read 0, then NaN, before). */
    @Test
    void eventsNotYetOnKafkaAreCountedWhileTheRelayCannotReachIt() throws Exception {
        int noBroker = Ports.unused();
        try (ConfigurableApplicationContext service = startService(
                "--spring.kafka.producer.bootstrap-servers=localhost:" + noBroker,
                "--spring.kafka.producer.properties.max.block.ms=500",
                "--ips.relay.send-timeout-ms=500")) {
            Gauge lag = service.getBean(MeterRegistry.class).get("ips.relay.lag").gauge();
            post(service, "/api/v1/referrals", referral("stuck-" + UUID.randomUUID()));
            post(service, "/api/v1/referrals", referral("stuck-" + UUID.randomUUID()));
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < until) {
                assertThat(lag.value()).as("events stored, not on Kafka").isGreaterThanOrEqualTo(2);
                Thread.sleep(250);
            }
        }
    }

    /**
     * A number of the event sequence held by an open transaction is waited for, not skipped: the events after
     * it reach the topic meanwhile, the relay's gauge counts it, and once the transaction is over it goes.
     */
    @Test
    void theRelayGoesOnPastANumberAnOpenTransactionHoldsAndCountsItUntilItEnds() throws Exception {
        String clientId = "held-" + UUID.randomUUID();
        try (ConfigurableApplicationContext service = startService();
             Connection held = service.getBean(DataSource.class).getConnection()) {
            post(service, "/api/v1/referrals", referral(clientId));
            assertThat(read(clientId, 1)).hasSize(1);
            Gauge gaps = service.getBean(MeterRegistry.class).get("ips.relay.gaps").gauge();
            assertThat(gaps.value()).isZero();

            held.setAutoCommit(false);
            try (Statement statement = held.createStatement()) {
                statement.execute("select nextval('domainevententry_globalindex_seq')");
            }
            post(service, "/api/v1/referrals/" + clientId + "/agreement", "{\"signedOn\":\"2022-03-10\"}");
            assertThat(read(clientId, 2)).hasSize(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> gaps.value() >= 1);

            held.rollback();
            post(service, "/api/v1/referrals/" + clientId + "/end", "{\"endedOn\":\"2022-06-01\",\"reason\":\"GOAL_ACHIEVED\"}");
            assertThat(read(clientId, 3)).hasSize(3);
            await().atMost(Duration.ofSeconds(10)).until(() -> gaps.value() == 0);
        }
    }

    private static String referral(String clientId) {
        return "{\"clientId\":\"" + clientId + "\",\"region\":\"16\",\"referredOn\":\"2022-03-01\",\"source\":\"SELF_REFERRAL\"}";
    }

    private CloudEvent readAsCloudEvent(String clientId) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "integrator-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class);
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("ips.referrals.v1"));
            CloudEvent referred = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (referred == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    if (clientId.equals(record.key())) {
                        referred = record.value();
                    }
                }
            }
            assertThat(referred).as("the referral, read as a CloudEvent").isNotNull();
            return referred;
        }
    }

    @Test
    void twoInstancesShareTheRelaysSegmentsAndSendEveryEventOnceInOrder() throws Exception {
        String prefix = "pair-" + UUID.randomUUID() + "-";
        try (ConfigurableApplicationContext first = startService("--ips.relay.balance-interval=500ms");
             ConfigurableApplicationContext second = startService("--ips.relay.balance-interval=500ms")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((relaySegments(first) == 0 || relaySegments(second) == 0) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(List.of(relaySegments(first), relaySegments(second))).as("relay segments held by each instance")
                    .allSatisfy(held -> assertThat(held).isPositive());

            int clients = 12;
            for (int i = 0; i < clients; i++) {
                ConfigurableApplicationContext instance = i % 2 == 0 ? first : second;
                post(instance, "/api/v1/referrals", referral(prefix + i));
                post(i % 3 == 0 ? first : second, "/api/v1/referrals/" + prefix + i + "/agreement", "{\"signedOn\":\"2022-03-10\"}");
            }
            List<ConsumerRecord<String, String>> relayed = TopicReader.read(infrastructure().bootstrapServers(), "ips.referrals.v1",
                    key -> key.startsWith(prefix), 2 * clients);
            assertThat(relayed).extracting(r -> header(r, "ce_id")).hasSize(2 * clients).doesNotHaveDuplicates();
            for (int i = 0; i < clients; i++) {
                String clientId = prefix + i;
                assertThat(relayed.stream().filter(r -> r.key().equals(clientId)).map(r -> header(r, "ce_type")))
                        .as("a client's events in the order they were stored").containsExactly("fi.ips.client.referred.v1", "fi.ips.agreement.signed.v1");
            }
        }
    }

    private static int relaySegments(ConfigurableApplicationContext service) {
        return service.getBean(EventProcessingConfiguration.class).eventProcessor("kafka-relay", StreamingEventProcessor.class)
                .map(relay -> relay.processingStatus().size()).orElse(0);
    }

    private ConfigurableApplicationContext startService(String... more) {
        return startServiceWithBroker(infrastructure().bootstrapServers(), more);
    }

    private ConfigurableApplicationContext startServiceWithBroker(String bootstrapServers, String... more) {
        return new SpringApplicationBuilder(ReferralServiceApplication.class).run(Stream.concat(Stream.of(
                "--server.port=0",
                "--spring.datasource.url=" + infrastructure().jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--ips.kafka.topic-partitions=2"), Stream.of(more)).toArray(String[]::new));
    }

    private static void post(ConfigurableApplicationContext service, String path, String json) throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) service).apply(springSecurity()).build();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                        .with(Callers.county("16"))
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().is2xxSuccessful());
    }

    private List<ConsumerRecord<String, String>> read(String clientId, int expected) {
        return TopicReader.read(infrastructure().bootstrapServers(), "ips.referrals.v1", clientId, expected);
    }
}
