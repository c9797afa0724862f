package fi.ips.outcomes.fidelity;

import fi.ips.events.Topics;
import fi.ips.support.kafka.CloudEventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Consumes the fidelity reviews' topic a poll at a time, in the projection's consumer group.
 * Offsets are committed after the MongoDB writes, so a crash re-delivers rather than loses; a
 * re-delivered event changes nothing ({@link FidelityReviews}).
 */
@Component
class FidelityEventListener {

    private final FidelityReviews reviews;

    FidelityEventListener(FidelityReviews reviews) {
        this.reviews = reviews;
    }

    @KafkaListener(id = "outcomes-fidelity", topics = Topics.FIDELITY, batch = "true", idIsGroup = false)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        reviews.recordAll(records.stream().map(CloudEventRecords::receiveFidelity).flatMap(Optional::stream).toList());
    }
}
