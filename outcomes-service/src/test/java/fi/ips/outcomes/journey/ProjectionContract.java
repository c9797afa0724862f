package fi.ips.outcomes.journey;

import com.jayway.jsonpath.JsonPath;
import fi.ips.events.AgreementDateCorrectedEvent;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.FidelityReviewVoidedEvent;
import fi.ips.events.FidelityReviewedEvent;
import fi.ips.events.JobStartedEvent;
import fi.ips.events.JobType;
import fi.ips.events.IpsEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.ReferralVoidedEvent;
import fi.ips.events.Region;
import fi.ips.outcomes.OutcomesServiceApplication;
import fi.ips.support.kafka.CloudEventRecords;
import fi.ips.testsupport.Callers;
import fi.ips.testsupport.Infrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * outcomes-service against a real Kafka broker and MongoDB: events arriving out of order, across
 * both topics and more than once, and again after a restart, give the same figures; a late
 * correction changes the history it belongs to; a rebuild from the topics gives the same figures. The subclasses say where the infrastructure comes from.
 */
abstract class ProjectionContract {

    abstract Infrastructure infrastructure();

    private static final LocalDate REFERRED = LocalDate.of(2022, 1, 10);
    private static final LocalDate SIGNED = LocalDate.of(2022, 2, 1);

    @Test
    void figuresDoNotDependOnArrivalOrderDuplicatesOrRestarts() throws Exception {
        String group = "outcomes-" + UUID.randomUUID();
        String employed = "a-" + UUID.randomUUID();
        String waiting = "b-" + UUID.randomUUID();
        String mistake = "c-" + UUID.randomUUID();
        List<ProducerRecord<String, byte[]>> history = new ArrayList<>();
        history.add(record(new JobStartedEvent("job-" + employed, employed, Region.POHJOIS_KARJALA, SIGNED.plusDays(20),
                JobType.PAID_OPEN_MARKET, null, null, null, false, null), 3));
        history.add(record(new AgreementSignedEvent(employed, Region.POHJOIS_KARJALA, SIGNED), 2));
        history.add(record(new ClientReferredEvent(employed, Region.POHJOIS_KARJALA, REFERRED, ReferralSource.SELF_REFERRAL, null), 1));
        history.add(record(new ClientReferredEvent(waiting, Region.POHJOIS_KARJALA, REFERRED, ReferralSource.OTHER, null), 1));
        history.add(record(new AgreementSignedEvent(waiting, Region.POHJOIS_KARJALA, SIGNED), 2));
        history.add(record(new ReferralVoidedEvent(mistake, Region.POHJOIS_KARJALA, SIGNED), 3));
        history.add(record(new ClientReferredEvent(mistake, Region.POHJOIS_KARJALA, REFERRED, ReferralSource.OTHER, null), 1));
        history.add(record(new AgreementSignedEvent(mistake, Region.POHJOIS_KARJALA, SIGNED), 2));

        try (ConfigurableApplicationContext service = start(group)) {
            publish(history);
            publish(history.subList(0, 3));
            awaitFigures(service, Map.of("$.referrals", 2, "$.agreements", 2, "$.employed", 1));
            MeterRegistry meters = service.getBean(MeterRegistry.class);
            assertThat(meters.get("ips.outcomes.events").tag("type", "fi.ips.agreement.signed.v1").counter().count()).isGreaterThanOrEqualTo(3);
            assertThat(meters.get("ips.outcomes.projection.latency").timer().count()).isGreaterThanOrEqualTo(history.size());
            // The gauges are worked out every 30 seconds: work them out now, as the schedule would, and read today's agreements.
            runScheduled(service, "OutcomeMetrics.refresh");
            assertThat(meters.get("ips.outcomes.agreements").tag("region", "14").gauge().value()).as("today's agreements in 14").isEqualTo(2.0);
            assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").gauges()).as("consumer lag").isNotEmpty();
        }
        try (ConfigurableApplicationContext restarted = start(group)) {
            publish(history);
            publish(List.of(record(new AgreementDateCorrectedEvent(waiting, Region.POHJOIS_KARJALA, LocalDate.of(2022, 7, 1)), 4)));
            awaitFigures(restarted, Map.of("$.referrals", 2, "$.agreements", 1, "$.employed", 1));

            MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) restarted).apply(springSecurity()).build();
            assertThat(mvc.perform(post("/actuator/rebuild").with(Callers.county("14"))).andReturn().getResponse().getStatus()).isEqualTo(403);
            String started = mvc.perform(post("/actuator/rebuild").with(Callers.coordinator())).andReturn().getResponse().getContentAsString();
            assertThat((String) JsonPath.read(started, "$.state")).isEqualTo("RUNNING");
            assertThat((String) JsonPath.read(started, "$.step")).as("what it does before the topics are counted").isEqualTo(ProjectionRebuild.ANNOUNCING);
            String status = awaitRebuilt(mvc);
            assertThat((String) JsonPath.read(status, "$.step")).isNull();
            assertThat((Integer) JsonPath.read(status, "$.replayed")).isGreaterThanOrEqualTo(history.size());
            awaitFigures(restarted, Map.of("$.referrals", 2, "$.agreements", 1, "$.employed", 1));
        }
    }

    /**
     * The reviews' own topic: the highest revision stands though it came first, and a rebuild brings
     * back a lost collection.
     */
    @Test
    void fidelityReviewsArriveOnTheirTopicAndARebuildRestoresThem() throws Exception {
        LocalDate reviewed = LocalDate.of(2024, 3, 15);
        List<ProducerRecord<String, byte[]>> history = List.of(
                record(new FidelityReviewedEvent(Region.POHJOIS_POHJANMAA, reviewed, 2, 104, null), 2),
                record(new FidelityReviewedEvent(Region.POHJOIS_POHJANMAA, reviewed, 1, 90, null), 1),
                record(new FidelityReviewedEvent(Region.KAINUU, reviewed, 1, 99, null), 1),
                record(new FidelityReviewVoidedEvent(Region.KAINUU, reviewed, 2, reviewed.plusDays(1)), 2));
        try (ConfigurableApplicationContext service = start("outcomes-" + UUID.randomUUID())) {
            publish(history);
            MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) service).apply(springSecurity()).build();
            MongoTemplate mongo = service.getBean(MongoTemplate.class);
            awaitFidelity(mvc, "[104]");
            awaitKainuuVoided(mongo);
            assertThat(fidelity(mvc)).as("a voided review").doesNotContain("\"region\":\"20\"");

            mongo.dropCollection("fidelity_reviews");
            assertThat(fidelity(mvc)).doesNotContain("\"region\":\"19\"");
            mvc.perform(post("/actuator/rebuild").with(Callers.coordinator()));
            awaitRebuilt(mvc);
            awaitFidelity(mvc, "[104]");
            awaitKainuuVoided(mongo);
            assertThat(fidelity(mvc)).doesNotContain("\"region\":\"20\"");
        }
    }

    @Test
    void twoInstancesShareThePartitionsAndEveryDashboardHearsOfEveryChange() throws Exception {
        String group = "outcomes-" + UUID.randomUUID();
        try (ConfigurableApplicationContext first = start(group); ConfigurableApplicationContext second = start(group)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((assigned(first).isEmpty() || assigned(second).isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            List<TopicPartition> firstOnly = assigned(first);
            assertThat(assigned(second)).as("the second instance's partitions").isNotEmpty().doesNotContainAnyElementsOf(firstOnly);

            MvcResult live = MockMvcBuilders.webAppContextSetup((WebApplicationContext) second).apply(springSecurity()).build()
                    .perform(get("/api/v1/outcomes/live").with(Callers.coordinator())).andReturn();
            String employed = "k-" + UUID.randomUUID();
            String waiting = "l-" + UUID.randomUUID();
            List<ProducerRecord<String, byte[]>> history = List.of(
                    record(new ClientReferredEvent(employed, Region.KANTA_HAME, REFERRED, ReferralSource.SELF_REFERRAL, null), 1),
                    record(new AgreementSignedEvent(employed, Region.KANTA_HAME, SIGNED), 2),
                    record(new JobStartedEvent("job-" + employed, employed, Region.KANTA_HAME, SIGNED.plusDays(20),
                            JobType.PAID_OPEN_MARKET, null, null, null, false, null), 3),
                    record(new ClientReferredEvent(waiting, Region.KANTA_HAME, REFERRED, ReferralSource.OTHER, null), 1),
                    record(new AgreementSignedEvent(waiting, Region.KANTA_HAME, SIGNED), 2));
            // Only to the first instance's partitions: the second hears of the change through MongoDB alone.
            publish(history.stream().map(r -> new ProducerRecord<>(r.topic(), partitionOf(firstOnly, r.topic()), r.key(), r.value(), r.headers())).toList());

            Map<String, Integer> expected = Map.of("$.referrals", 2, "$.agreements", 2, "$.employed", 1);
            awaitFigures(first, Region.KANTA_HAME, expected);
            awaitFigures(second, Region.KANTA_HAME, expected);
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!live.getResponse().getContentAsString().contains("\"07\"") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(live.getResponse().getContentAsString()).as("the second instance's dashboard stream")
                    .contains("event:figures-changed").contains("\"07\"");
        }
    }

    private static List<TopicPartition> assigned(ConfigurableApplicationContext service) {
        return service.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers().stream()
                .flatMap(container -> container.getAssignedPartitions() == null ? Stream.empty() : container.getAssignedPartitions().stream())
                .toList();
    }

    private static int partitionOf(List<TopicPartition> partitions, String topic) {
        return partitions.stream().filter(p -> p.topic().equals(topic)).findFirst()
                .orElseThrow(() -> new AssertionError("the first instance holds no partition of " + topic + ": " + partitions))
                .partition();
    }

    /** Runs, on this thread, the service's scheduled task whose method is named so (e.g. {@code OutcomeMetrics.refresh}). */
    private static void runScheduled(ConfigurableApplicationContext service, String method) {
        List<ScheduledTask> tasks = service.getBeansOfType(ScheduledTaskHolder.class).values().stream()
                .flatMap(holder -> holder.getScheduledTasks().stream())
                .filter(task -> task.getTask().getRunnable().toString().endsWith("." + method))
                .toList();
        assertThat(tasks).as("the scheduled task " + method).hasSize(1);
        tasks.get(0).getTask().getRunnable().run();
    }

    ConfigurableApplicationContext start(String group) {
        return new SpringApplicationBuilder(OutcomesServiceApplication.class).run(
                "--server.port=0",
                "--spring.mongodb.uri=" + infrastructure().mongoUri(),
                "--spring.kafka.bootstrap-servers=" + infrastructure().bootstrapServers(),
                "--spring.kafka.consumer.group-id=" + group,
                "--ips.streams.pseudonym-key=a-test-key-of-at-least-thirty-two-characters");
    }

    /** Waits for the rebuild started to be done; its last status. */
    private static String awaitRebuilt(MockMvc mvc) throws Exception {
        String status = mvc.perform(get("/actuator/rebuild").with(Callers.coordinator())).andReturn().getResponse().getContentAsString();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"DONE".equals(JsonPath.read(status, "$.state")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = mvc.perform(get("/actuator/rebuild").with(Callers.coordinator())).andReturn().getResponse().getContentAsString();
        }
        assertThat((String) JsonPath.read(status, "$.state")).as(status).isEqualTo("DONE");
        return status;
    }

    private static String fidelity(MockMvc mvc) throws Exception {
        return mvc.perform(get("/api/v1/outcomes/fidelity?asOf=2024-12-31").with(Callers.coordinator())).andReturn().getResponse().getContentAsString();
    }

    /** Waits for Pohjois-Pohjanmaa's review scores to be these (JSON, e.g. {@code [104]}). */
    private static void awaitFidelity(MockMvc mvc, String scores) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = fidelity(mvc);
        while (!scoresOf(body).equals(scores) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            body = fidelity(mvc);
        }
        assertThat(scoresOf(body)).as(body).isEqualTo(scores);
    }

    /** Kainuu's review is on another partition: its void is known once its document says so. */
    private static void awaitKainuuVoided(MongoTemplate mongo) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        org.bson.Document kainuu = null;
        while (System.nanoTime() < deadline) {
            kainuu = mongo.getCollection("fidelity_reviews").find(new org.bson.Document("_id", "20/2024-03-15")).first();
            if (kainuu != null && Boolean.TRUE.equals(kainuu.getBoolean("voided"))) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(kainuu == null ? null : kainuu.getBoolean("voided")).as("Kainuu's review, voided: %s", kainuu).isTrue();
    }

    private static String scoresOf(String fidelity) {
        return JsonPath.read(fidelity, "$.regions[?(@.region == '19')].reviews[*].score").toString();
    }

    /** As the relays publish: the event's id is fixed, so a re-send is recognisably the same event. */
    private static ProducerRecord<String, byte[]> record(IpsEvent event, int order) {
        return CloudEventRecords.toRecord(event, UUID.nameUUIDFromBytes((event.toString()).getBytes()).toString(),
                Instant.parse("2024-01-01T00:00:00Z").plusSeconds(order), URI.create("/ips/test"), null);
    }

    private void publish(List<ProducerRecord<String, byte[]>> records) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get();
            }
        }
    }

    private static void awaitFigures(ConfigurableApplicationContext service, Map<String, Integer> expected) throws Exception {
        awaitFigures(service, Region.POHJOIS_KARJALA, expected);
    }

    private static void awaitFigures(ConfigurableApplicationContext service, Region region, Map<String, Integer> expected) throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) service).apply(springSecurity()).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = null;
        while (System.nanoTime() < deadline) {
            body = mvc.perform(get("/api/v1/outcomes/regions/" + region.code() + "?asOf=2022-06-30").with(Callers.coordinator()))
                    .andReturn().getResponse().getContentAsString();
            String current = body;
            if (expected.entrySet().stream().allMatch(e -> e.getValue().equals(JsonPath.read(current, e.getKey())))) {
                break;
            }
            Thread.sleep(200);
        }
        for (Map.Entry<String, Integer> figure : expected.entrySet()) {
            assertThat((Integer) JsonPath.read(body, figure.getKey())).as(figure.getKey() + " in " + body).isEqualTo(figure.getValue());
        }
    }
}
