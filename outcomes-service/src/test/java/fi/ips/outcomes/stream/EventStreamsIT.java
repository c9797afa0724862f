package fi.ips.outcomes.stream;

import fi.ips.events.Topics;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.support.security.Caller;
import fi.ips.testsupport.EmbeddedInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The integrators' streams against a real Kafka broker (KRaft, from the Maven Central jars). */
class EventStreamsIT {

    @RegisterExtension
    static final EmbeddedInfrastructure INFRASTRUCTURE = new EmbeddedInfrastructure();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private EventStreams streams;

    @BeforeAll
    static void topics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, INFRASTRUCTURE.bootstrapServers()))) {
            for (String topic : Topics.ALL) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    @AfterEach
    void closeStreams() {
        if (streams != null) {
            streams.closeStreams();
        }
    }

    /** A grant withdrawn from an integrator ends its stream once the token it was opened with expires. */
    @Test
    void aStreamEndsWhenItsTokenExpiresAndOnlyThen() throws Exception {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(INFRASTRUCTURE.bootstrapServers()));
        streams = new EventStreams(kafka, meters, "a-test-key-of-at-least-thirty-two-characters", 50);

        // Expired 58 s ago: within the 60 s the token checks allow, so its stream ends 2 s from now.
        streams.subscribe(integrator("short", Instant.now().minusSeconds(58)), null, EventStreams.Start.NOW, Set.of());
        streams.subscribe(integrator("long", Instant.now().plusSeconds(3600)), null, EventStreams.Start.NOW, Set.of());
        assertThat(openStreams()).isEqualTo(2);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (openStreams() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(openStreams()).as("the stream whose token expired has ended").isEqualTo(1);
        Thread.sleep(1500);
        assertThat(openStreams()).as("the stream with a valid token goes on").isEqualTo(1);
    }

    /** A position past a partition's end, or in a partition the topic lacks, is refused before the stream starts. */
    @Test
    void aPositionPastTheTopicsEndIsRefused() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(INFRASTRUCTURE.bootstrapServers()));
        streams = new EventStreams(kafka, meters, "a-test-key-of-at-least-thirty-two-characters", 50);
        Caller integrator = integrator("i", Instant.now().plusSeconds(3600));

        for (String position : new String[]{"r0-999999", "p0-0.r0-1", "f7-0"}) {
            assertThatThrownBy(() -> streams.subscribe(integrator, StreamPosition.parse(position), EventStreams.Start.NOW, Set.of()))
                    .as(position).isInstanceOfSatisfying(RuleViolationException.class, e -> {
                        assertThat(e.rule()).isEqualTo("last-event-id");
                        assertThat(e.status().value()).isEqualTo(400);
                    });
        }
        streams.subscribe(integrator, StreamPosition.parse("f0-0.p0-0.r0-0"), EventStreams.Start.NOW, Set.of());
        assertThat(openStreams()).isEqualTo(1);
    }

    /** Without Kafka a resume cannot be checked: 503 within the gateway's time, not a 500 after a minute. */
    @Test
    void aResumeWithoutKafkaIsAnsweredUnavailable() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of("localhost:" + fi.ips.testsupport.Ports.unused()));
        streams = new EventStreams(kafka, meters, "a-test-key-of-at-least-thirty-two-characters", 50);

        long started = System.nanoTime();
        assertThatThrownBy(() -> streams.subscribe(integrator("i", Instant.now().plusSeconds(3600)), StreamPosition.parse("r0-1"),
                EventStreams.Start.NOW, Set.of()))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.status().value()).isEqualTo(503));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(openStreams()).isZero();
    }

    private double openStreams() {
        return meters.get("ips.streams.subscribers").gauge().value();
    }

    private static Caller integrator(String subject, Instant expiresAt) {
        return new Caller(subject, Set.of(Caller.INTEGRATOR), Set.of("14"), expiresAt);
    }
}
