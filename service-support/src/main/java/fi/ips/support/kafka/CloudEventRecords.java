package fi.ips.support.kafka;

import fi.ips.events.EventType;
import fi.ips.events.FidelityEvent;
import fi.ips.events.IpsEvent;
import fi.ips.events.JourneyEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The one place that knows how an event travels on Kafka: key = its subject (a journey's client
 * id, a fidelity review's region), value = the event as JSON, CloudEvents 1.0 binary-mode headers
 * ({@code ce_*}) around it.
 */
public final class CloudEventRecords {

    private static final Logger log = LoggerFactory.getLogger(CloudEventRecords.class);
    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    /** Unknown properties are skipped: a consumer keeps working when a version gains optional fields. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private CloudEventRecords() {
    }

    /**
     * A record for the event's topic.
     *
     * @param eventId  the event's id in the event store: the same on every re-send
     * @param recorded when the event was stored
     * @param source        the producing service, a URI reference such as {@code /ips/referral-service}
     * @param correlationId the request that caused the event, or null: the extension {@code ce_correlationid}
     */
    public static ProducerRecord<String, byte[]> toRecord(IpsEvent event, String eventId, Instant recorded, URI source,
                                                          String correlationId) {
        EventType type = EventType.of(event);
        Headers headers = new RecordHeaders()
                .add("ce_specversion", utf8(SPEC_VERSION))
                .add("ce_id", utf8(eventId))
                .add("ce_source", utf8(source.toString()))
                .add("ce_type", utf8(type.ceType()))
                .add("ce_subject", utf8(event.subject()))
                .add("ce_time", utf8(DateTimeFormatter.ISO_INSTANT.format(recorded)))
                .add("content-type", utf8(CONTENT_TYPE));
        if (correlationId != null) {
            headers.add("ce_correlationid", utf8(correlationId));
        }
        return new ProducerRecord<>(type.topic(), null, event.subject(), JSON.writeValueAsBytes(event), headers);
    }

    /**
     * The journey event a record carries.
     *
     * @throws IllegalArgumentException when the record is not one of the contract's journey events
     */
    public static ReceivedEvent fromRecord(ConsumerRecord<String, byte[]> record) {
        String id = header(record.headers(), "ce_id");
        String ceType = header(record.headers(), "ce_type");
        String time = header(record.headers(), "ce_time");
        EventType type = EventType.ofCeType(ceType).orElseThrow(() -> new IllegalArgumentException(
                "record " + record.topic() + "/" + record.partition() + "@" + record.offset() + " has unknown ce_type " + ceType));
        if (id == null || record.value() == null) {
            throw new IllegalArgumentException("record " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " lacks ce_id or a value");
        }
        if (!(fromJson(type, record.value()) instanceof JourneyEvent event)) {
            throw new IllegalArgumentException("record " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " is no journey event but " + ceType);
        }
        return new ReceivedEvent(id, type, time == null ? null : Instant.parse(time), event);
    }

    /**
     * The journey event a record carries, or empty for a record outside the contract: retrying cannot make
     * it valid, so it is logged (without its payload: privacy) and skipped.
     */
    public static Optional<ReceivedEvent> receive(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(fromRecord(record));
        } catch (RuntimeException notOurs) {
            log.warn("Skipping record {}/{}@{}: {}", record.topic(), record.partition(), record.offset(), notOurs.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The fidelity review's event a record carries, or empty for a record outside the contract
     * (another type, or without the review's region, day or revision): logged (without its
     * payload) and skipped, as {@link #receive}.
     */
    public static Optional<FidelityEvent> receiveFidelity(ConsumerRecord<String, byte[]> record) {
        String ceType = header(record.headers(), "ce_type");
        try {
            Optional<EventType> type = EventType.ofCeType(ceType);
            if (type.isPresent() && record.value() != null && fromJson(type.get(), record.value()) instanceof FidelityEvent event
                    && event.region() != null && event.reviewedOn() != null && event.revision() >= 1) {
                return Optional.of(event);
            }
        } catch (RuntimeException unreadable) {
            log.warn("Skipping record {}/{}@{}: {}", record.topic(), record.partition(), record.offset(), unreadable.getMessage());
            return Optional.empty();
        }
        log.warn("Skipping record {}/{}@{}: no complete fidelity review's event but {}", record.topic(), record.partition(),
                record.offset(), ceType);
        return Optional.empty();
    }

    /** The JSON form of an event, as on the topic. */
    public static byte[] toJson(IpsEvent event) {
        return JSON.writeValueAsBytes(event);
    }

    public static IpsEvent fromJson(EventType type, byte[] json) {
        return JSON.readValue(json, type.eventClass());
    }

    /** A record header's value as text (the CloudEvents attributes are UTF-8), or null without it. */
    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
