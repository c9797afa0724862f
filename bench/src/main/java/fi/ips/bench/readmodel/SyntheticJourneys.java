package fi.ips.bench.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.AgeGroup;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.EmployerSector;
import fi.ips.events.EventType;
import fi.ips.events.JobEndReason;
import fi.ips.events.JobEndedEvent;
import fi.ips.events.JobStartedEvent;
import fi.ips.events.JobType;
import fi.ips.events.JourneyEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.Region;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fills the topics with synthetic client journeys, written as the services' relays write them (key
 * = client id, the event as JSON, CloudEvents binary-mode headers), so that the read models can be
 * filled and rebuilt at a size the HTTP path would need hours for. Each client: a referral, the
 * agreement, then paid jobs started and ended in turn, {@code eventsPerClient} events in all.
 */
public final class SyntheticJourneys {

    public record Seeded(long clients, long events, Duration elapsed) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String SOURCE = "/ips/bench";

    private SyntheticJourneys() {
    }

    /** Writes {@code clients} journeys spread over {@code regions}, and returns once Kafka has acknowledged all. */
    public static Seeded seed(String bootstrap, String runId, List<Region> regions, int clients, int eventsPerClient) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        long start = System.nanoTime();
        long events = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < clients; i++) {
                Region region = regions.get(i % regions.size());
                for (JourneyEvent event : journey("bs-" + runId + "-r" + region.code() + "-n" + i, region, i, eventsPerClient)) {
                    events++;
                    producer.send(record(event), (metadata, failure) -> {
                        if (failure != null) {
                            throw new IllegalStateException("Kafka refused a synthetic event", failure);
                        }
                    });
                }
            }
            producer.flush();
        }
        return new Seeded(clients, events, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The mean size of an event's JSON in these journeys: the record size for the machine's ceilings. */
    public static int meanValueBytes() {
        List<JourneyEvent> sample = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sample.addAll(journey("bs-sample00-r10-n" + i, Region.ofCode("10"), i, 10));
        }
        return (int) Math.round(sample.stream().mapToInt(event -> record(event).value().length).average().orElseThrow());
    }

    static List<JourneyEvent> journey(String clientId, Region region, int n, int eventsPerClient) {
        LocalDate referred = LocalDate.of(2020, 1, 1).plusDays(n % 1500);
        LocalDate agreed = referred.plusDays(14);
        List<JourneyEvent> events = new ArrayList<>(List.of(
                new ClientReferredEvent(clientId, region, referred, ReferralSource.PSYCHIATRIC_OUTPATIENT_CARE, AgeGroup.values()[n % AgeGroup.values().length]),
                new AgreementSignedEvent(clientId, region, agreed)));
        for (int job = 0; events.size() < eventsPerClient; job++) {
            String jobId = clientId + "-job" + job;
            LocalDate started = agreed.plusDays(30 + 120L * job);
            events.add(new JobStartedEvent(jobId, clientId, region, started, job % 3 == 2 ? JobType.PAID_SUPPORTED : JobType.PAID_OPEN_MARKET,
                    20 + n % 20, EmployerSector.PRIVATE, n % 10, false, Boolean.FALSE));
            if (events.size() < eventsPerClient) {
                events.add(new JobEndedEvent(jobId, clientId, region, started.plusDays(90), JobEndReason.CONTRACT_ENDED));
            }
        }
        return events;
    }

    static ProducerRecord<String, byte[]> record(JourneyEvent event) {
        EventType type = EventType.of(event);
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", UUID.randomUUID().toString());
        header(headers, "ce_source", SOURCE);
        header(headers, "ce_type", type.ceType());
        header(headers, "ce_subject", event.clientId());
        header(headers, "ce_time", Instant.now().toString());
        header(headers, "content-type", "application/json");
        try {
            return new ProducerRecord<>(type.topic(), null, event.clientId(), JSON.writeValueAsBytes(event), headers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
