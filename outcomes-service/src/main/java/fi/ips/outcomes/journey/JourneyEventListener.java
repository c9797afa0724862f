package fi.ips.outcomes.journey;

import fi.ips.events.Topics;
import fi.ips.support.kafka.CloudEventRecords;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Consumes both topics a poll at a time: a poll's events are written together (see
 * {@link ClientJourneys#recordAll}), so the projection keeps up under load. Offsets are committed
 * after the MongoDB writes, so a crash re-delivers rather than loses; re-delivered events are
 * recognised by their id. A failed poll is retried whole, for as long as it takes.
 */
@Component
class JourneyEventListener {

    private static final String LISTENER_ID = "outcomes-projection";
    /**
     * The per-record observation under a name of its own: Spring Kafka times each batch as
     * {@code spring.kafka.listener} with other tags, and Prometheus takes one set of tags a name
     * (the second was dropped with a warning).
     */
    private static final KafkaListenerObservationConvention PER_RECORD = new KafkaListenerObservation.DefaultKafkaListenerObservationConvention() {
        @Override
        public String getName() {
            return "ips.outcomes.projection.record";
        }
    };

    private final ClientJourneys journeys;
    private final ObservationRegistry observations;
    private final String groupId;

    JourneyEventListener(ClientJourneys journeys, ObservationRegistry observations, KafkaProperties kafka) {
        this.journeys = journeys;
        this.observations = observations;
        this.groupId = kafka.getConsumer().getGroupId();
    }

    @KafkaListener(id = LISTENER_ID, topics = {Topics.REFERRALS, Topics.PLACEMENTS}, batch = "true", idIsGroup = false)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        // Spring Kafka observes record listeners only: each record gets its span here, continuing
        // the trace in its headers (the request that caused it) and lasting until it is written.
        List<Observation> spans = records.stream().map(this::observation).toList();
        spans.forEach(Observation::start);
        try {
            journeys.recordAll(records.stream().map(CloudEventRecords::receive).flatMap(Optional::stream).toList());
        } catch (RuntimeException e) {
            spans.forEach(span -> span.error(e));
            throw e;
        } finally {
            spans.forEach(Observation::stop);
        }
    }

    private Observation observation(ConsumerRecord<String, byte[]> record) {
        return KafkaListenerObservation.LISTENER_OBSERVATION.observation(null, PER_RECORD,
                () -> new KafkaRecordReceiverContext(record, LISTENER_ID, LISTENER_ID, groupId, () -> null), observations);
    }
}
