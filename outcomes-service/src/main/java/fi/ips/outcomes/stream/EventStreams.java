package fi.ips.outcomes.stream;

import fi.ips.events.EventType;
import fi.ips.events.Region;
import fi.ips.events.Topics;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.support.security.Caller;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static fi.ips.support.kafka.CloudEventRecords.header;

/**
 * The event streams for integrators, over Server-Sent Events: each subscriber reads every topic
 * with a Kafka consumer and a thread of its own, so a slow one slows down nobody else, and a
 * dropped connection closes both. Each message is one CloudEvent in structured JSON mode, its id
 * the subscriber's position ({@link StreamPosition}); only the regions granted to the subscriber
 * reach it, and every client, job and study id is replaced by the subscriber's own pseudonym.
 */
@Component
class EventStreams {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How long a resume waits for Kafka to tell the topics' ends: within the gateway's 30 s, a 503 after. */
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(10);
    /**
     * Also how soon a dropped subscriber is noticed: only a failed write tells, and the first write
     * after a drop still fits into the socket's buffer, so a stream (its Kafka consumer and thread)
     * is freed within two keep-alives.
     */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(5);
    /** The ids in the events that could lead back to a client. */
    private static final List<String> ID_FIELDS = List.of("clientId", "jobId", "studyId");

    private final KafkaProperties kafka;
    private final Pseudonyms pseudonyms;
    private final int maxSubscribers;
    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final JsonMapper json = JsonMapper.builder().build();

    EventStreams(KafkaProperties kafka, MeterRegistry meters, @Value("${ips.streams.pseudonym-key:}") String pseudonymKey,
                 @Value("${ips.streams.max-subscribers:50}") int maxSubscribers) {
        this.kafka = kafka;
        this.pseudonyms = new Pseudonyms(pseudonymKey);
        this.maxSubscribers = maxSubscribers;
        Gauge.builder("ips.streams.subscribers", open, Set::size).description("Event streams being served").register(meters);
    }

    /** Where a new subscription starts when it does not resume from a position. */
    enum Start { BEGINNING, NOW }

    /**
     * @param resume the position to continue after, or null
     * @param types  the CloudEvents types to receive; empty for all
     * @throws RuleViolationException 503 when the service already serves its maximum of streams; 400 for
     *                                a position past the topics' ends
     */
    SseEmitter subscribe(Caller caller, StreamPosition resume, Start start, Set<String> types) {
        if (open.size() >= maxSubscribers) {
            throw new RuleViolationException(HttpStatus.SERVICE_UNAVAILABLE, "too-many-streams", null,
                    "This service serves its maximum of " + maxSubscribers + " streams; try again later");
        }
        if (resume != null && !resume.offsets().isEmpty()) {
            requireWithinTopics(resume);
        }
        SseEmitter emitter = new SseEmitter(0L);
        Subscription subscription = new Subscription(caller, resume, start, types, emitter);
        open.add(subscription);
        emitter.onCompletion(subscription::stop);
        emitter.onTimeout(subscription::stop);
        emitter.onError(e -> subscription.stop());
        Thread thread = new Thread(subscription, "event-stream-" + count.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        return emitter;
    }

    /** Ends every stream before the web server waits for open requests (subscribers reconnect with their position). */
    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        open.forEach(Subscription::stop);
    }

    private final class Subscription implements Runnable {

        private final Caller caller;
        private final StreamPosition position;
        private final boolean resuming;
        private final Start start;
        private final Set<String> types;
        private final SseEmitter emitter;
        private volatile boolean stopped;

        Subscription(Caller caller, StreamPosition resume, Start start, Set<String> types, SseEmitter emitter) {
            this.caller = caller;
            this.resuming = resume != null;
            this.position = resume != null ? resume : new StreamPosition();
            this.start = start;
            this.types = types;
            this.emitter = emitter;
        }

        void stop() {
            stopped = true;
        }

        /**
         * The token the stream was opened with has expired: the stream ends (the subscriber reconnects
         * with a new token and its position), so that a grant withdrawn from an integrator ends its stream too.
         */
        private boolean expired() {
            return caller.hasExpired(Instant.now());
        }

        @Override
        public void run() {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : Topics.ALL) {
                    consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                consumer.assign(partitions);
                for (TopicPartition partition : partitions) {
                    Long next = position.next(partition);
                    if (next != null) {
                        consumer.seek(partition, next);
                    } else if (resuming || start == Start.BEGINNING) {
                        consumer.seekToBeginning(List.of(partition));
                    } else {
                        consumer.seekToEnd(List.of(partition));
                    }
                    position.passed(partition, consumer.position(partition) - 1);
                }
                emitter.send(SseEmitter.event().comment("subscribed").id(position.toString()));
                long lastSent = System.nanoTime();
                while (!stopped && !expired()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        position.passed(new TopicPartition(record.topic(), record.partition()), record.offset());
                        Optional<Map<String, Object>> event = structured(record);
                        if (event.isPresent()) {
                            emitter.send(SseEmitter.event().id(position.toString()).data(json.writeValueAsString(event.get()),
                                    MediaType.APPLICATION_JSON));
                            lastSent = System.nanoTime();
                        }
                    }
                    if (System.nanoTime() - lastSent > KEEP_ALIVE.toNanos()) {
                        emitter.send(SseEmitter.event().comment("keep-alive"));
                        lastSent = System.nanoTime();
                    }
                }
                emitter.complete();
            } catch (IOException | IllegalStateException gone) {
                log.debug("Event stream of {} ended: {}", caller.subject(), gone.toString());
            } catch (RuntimeException e) {
                log.warn("Event stream of {} failed", caller.subject(), e);
                emitter.completeWithError(e);
            } finally {
                open.remove(this);
            }
        }

        /** The record as a structured-mode CloudEvent for this subscriber, or empty when it is not for it. */
        private Optional<Map<String, Object>> structured(ConsumerRecord<String, byte[]> record) {
            String type = header(record.headers(), "ce_type");
            if (type == null || EventType.ofCeType(type).isEmpty() || !types.isEmpty() && !types.contains(type) || record.value() == null) {
                return Optional.empty();
            }
            JsonNode data = json.readTree(record.value());
            String region = data.path("region").asString("");
            if (!Region.isCode(region) || !caller.mayReceive(Region.ofCode(region))) {
                return Optional.empty();
            }
            ObjectNode pseudonymous = (ObjectNode) data;
            for (String field : ID_FIELDS) {
                if (pseudonymous.hasNonNull(field)) {
                    pseudonymous.put(field, pseudonyms.of(caller.subject(), field + ":" + pseudonymous.get(field).asString()));
                }
            }
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("specversion", header(record.headers(), "ce_specversion"));
            // The event's id too is the subscriber's own: the stored id (shown in the services' histories) would let
            // two integrators join their streams, or one match its pseudonyms to the platform's client ids.
            String id = header(record.headers(), "ce_id");
            event.put("id", id == null ? null : pseudonyms.of(caller.subject(), "event:" + id));
            event.put("source", header(record.headers(), "ce_source"));
            event.put("type", type);
            // A client's pseudonym; a fidelity review's region (the record's key), which no client id is.
            event.put("subject", pseudonymous.has("clientId") ? pseudonymous.path("clientId").asString() : record.key());
            event.put("time", header(record.headers(), "ce_time"));
            event.put("datacontenttype", MediaType.APPLICATION_JSON_VALUE);
            event.put("data", pseudonymous);
            return Optional.of(event);
        }
    }

    /**
     * A position this stream gave is never past a partition's end: one that is (a corrupted
     * checkpoint, or topics made anew) would skip that partition's events silently until new ones
     * passed it, so it is refused before the stream starts.
     */
    private void requireWithinTopics(StreamPosition resume) {
        Map<TopicPartition, Long> offsets = resume.offsets();
        Set<TopicPartition> existing = new HashSet<>();
        Map<TopicPartition, Long> ends;
        long deadline = System.nanoTime() + KAFKA_WAIT.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
            offsets.keySet().stream().map(TopicPartition::topic).distinct().forEach(topic -> consumer.partitionsFor(topic, left(deadline))
                    .forEach(p -> existing.add(new TopicPartition(topic, p.partition()))));
            ends = consumer.endOffsets(offsets.keySet().stream().filter(existing::contains).toList(), left(deadline));
        } catch (KafkaException unreachable) {
            throw new RuleViolationException(HttpStatus.SERVICE_UNAVAILABLE, "streams-unavailable", null,
                    "The event streams cannot reach Kafka just now; reconnect in a moment with the same Last-Event-ID");
        }
        offsets.forEach((partition, next) -> {
            if (!existing.contains(partition) || next > ends.get(partition)) {
                throw new RuleViolationException(HttpStatus.BAD_REQUEST, "last-event-id", "Last-Event-ID",
                        "Last-Event-ID is past the end of the stream (" + partition + "): it is not a position this stream gave,"
                                + " or the topics were made anew; start again with ?from=beginning");
            }
        });
    }

    /** What is left of the time a resume may wait for Kafka, all its calls together. */
    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }
}
