package fi.ips.placement.enrolment;

import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.JourneyEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.Region;
import fi.ips.placement.PlacementServiceApplication;
import fi.ips.support.kafka.CloudEventRecords;
import fi.ips.testsupport.Callers;
import fi.ips.testsupport.Infrastructure;
import fi.ips.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * placement-service against a real PostgreSQL and a real Kafka broker: it learns agreements from
 * referral-service's topic, and relays its own events to {@code ips.placements.v1}. The
 * subclasses say where the infrastructure comes from.
 */
abstract class AgreementFeedContract {

    abstract Infrastructure infrastructure();

    private ConfigurableApplicationContext service;
    private MockMvc mvc;

    @BeforeEach
    void startService() {
        service = new SpringApplicationBuilder(PlacementServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + infrastructure().jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.kafka.bootstrap-servers=" + infrastructure().bootstrapServers(),
                "--spring.kafka.consumer.group-id=placement-" + UUID.randomUUID());
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) service).apply(springSecurity()).build();
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    /**
     * The job is submitted as soon as the agreement is on the topic, when the service may not have
     * read it yet (it then waits for it): either way the job is accepted, in the agreement's region.
     */
    @Test
    void aJobSubmittedRightAfterTheAgreementIsPublishedIsAccepted() throws Exception {
        String clientId = "feed-" + UUID.randomUUID();
        publish(new ClientReferredEvent(clientId, Region.ETELA_POHJANMAA, LocalDate.of(2022, 3, 1), ReferralSource.SELF_REFERRAL, null),
                new AgreementSignedEvent(clientId, Region.ETELA_POHJANMAA, LocalDate.of(2022, 3, 10)));

        MockHttpServletResponse response = startJob(clientId);

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        assertThat(response.getContentAsString()).contains("\"region\":\"16\"");
        ConsumerRecord<String, String> relayed = awaitPlacementEvent(clientId);
        assertThat(relayed.key()).isEqualTo(clientId);
        assertThat(TopicReader.header(relayed, "ce_type")).isEqualTo("fi.ips.job.started.v1");
        assertThat(relayed.value()).contains("\"jobType\":\"PAID_OPEN_MARKET\"", "\"region\":\"16\"");
    }

    @Test
    void anUnknownClientIsAnswered409AfterTheWait() throws Exception {
        long start = System.nanoTime();

        MockHttpServletResponse response = startJob("unknown-" + UUID.randomUUID());

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentAsString()).contains("client-without-agreement");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    private MockHttpServletResponse startJob(String clientId) throws Exception {
        return mvc.perform(post("/api/v1/jobs")
                        .with(Callers.county("16"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"clientId\":\"" + clientId + "\",\"startedOn\":\"2022-04-04\",\"jobType\":\"PAID_OPEN_MARKET\"}"))
                .andReturn().getResponse();
    }

    /** As referral-service's relay would: CloudEvents binary mode, keyed by client id. */
    private void publish(JourneyEvent... events) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (JourneyEvent event : events) {
                producer.send(CloudEventRecords.toRecord(event, UUID.randomUUID().toString(), Instant.now(),
                        URI.create("/ips/referral-service"), null)).get();
            }
        }
    }

    private ConsumerRecord<String, String> awaitPlacementEvent(String clientId) {
        List<ConsumerRecord<String, String>> found = TopicReader.read(infrastructure().bootstrapServers(), "ips.placements.v1", clientId, 1);
        assertThat(found).as("the job's event on ips.placements.v1").hasSize(1);
        return found.get(0);
    }
}
