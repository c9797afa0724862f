package fi.ips.outcomes.journey;

import fi.ips.events.Topics;
import fi.ips.support.kafka.CloudEventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes both topics. Offsets are committed after the MongoDB writes, so a crash re-delivers
 * rather than loses; re-delivered events are recognised by their id.
 */
@Component
class JourneyEventListener {

    private final ClientJourneys journeys;

    JourneyEventListener(ClientJourneys journeys) {
        this.journeys = journeys;
    }

    @KafkaListener(topics = {Topics.REFERRALS, Topics.PLACEMENTS})
    void on(ConsumerRecord<String, byte[]> record) {
        CloudEventRecords.receive(record).ifPresent(journeys::record);
    }
}
