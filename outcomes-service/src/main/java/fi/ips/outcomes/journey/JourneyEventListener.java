package fi.ips.outcomes.journey;

import fi.ips.events.Topics;
import fi.ips.outcomes.fidelity.FidelityReviews;
import fi.ips.support.kafka.ReceivedEvent;
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
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Consumes the topics a poll at a time: a poll's journey events are written together (see
 * {@link ClientJourneys#recordAll}), so the projection keeps up under load, and its fidelity
 * reviews' events beside them ({@link FidelityReviews}). Offsets are committed
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
    private final FidelityReviews fidelity;
    private final ObservationRegistry observations;
    private final String groupId;

    JourneyEventListener(ClientJourneys journeys, FidelityReviews fidelity, ObservationRegistry observations, KafkaProperties kafka) {
        this.journeys = journeys;
        this.fidelity = fidelity;
        this.observations = observations;
        this.groupId = kafka.getConsumer().getGroupId();
    }

    @KafkaListener(id = LISTENER_ID, topics = {Topics.REFERRALS, Topics.PLACEMENTS, Topics.FIDELITY}, batch = "true", idIsGroup = false)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        // Spring Kafka observes record listeners only: each record gets its span here, continuing
        // the trace in its headers (the request that caused it) and lasting until it is written.
        List<Observation> spans = records.stream().map(this::observation).toList();
        spans.forEach(Observation::start);
        try {
            project(records, journeys::recordAll, fidelity);
        } catch (RuntimeException e) {
            spans.forEach(span -> span.error(e));
            throw e;
        } finally {
            spans.forEach(Observation::stop);
        }
    }

    /** Records' events to their read models: the journeys' to {@code journeys}, the fidelity reviews' to {@code fidelity}. */
    static void project(List<ConsumerRecord<String, byte[]>> records, Consumer<List<ReceivedEvent>> journeys, FidelityReviews fidelity) {
        Map<Boolean, List<ConsumerRecord<String, byte[]>>> reviewOrNot = records.stream()
                .collect(Collectors.partitioningBy(record -> record.topic().equals(Topics.FIDELITY)));
        journeys.accept(reviewOrNot.get(false).stream().map(CloudEventRecords::receive).flatMap(Optional::stream).toList());
        fidelity.recordAll(reviewOrNot.get(true).stream().map(CloudEventRecords::receiveFidelity).flatMap(Optional::stream).toList());
    }

    private Observation observation(ConsumerRecord<String, byte[]> record) {
        return KafkaListenerObservation.LISTENER_OBSERVATION.observation(null, PER_RECORD,
                () -> new KafkaRecordReceiverContext(record, LISTENER_ID, LISTENER_ID, groupId, () -> null), observations);
    }
}
