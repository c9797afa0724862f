package fi.ips.outcomes.journey;

import fi.ips.events.Topics;
import fi.ips.support.kafka.CloudEventRecords;
import fi.ips.support.kafka.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes both topics. Offsets are committed after the MongoDB writes, so a crash re-delivers
 * rather than loses; re-delivered events are recognised by their id.
 */
@Component
class JourneyEventListener {

    private static final Logger log = LoggerFactory.getLogger(JourneyEventListener.class);

    private final ClientJourneys journeys;

    JourneyEventListener(ClientJourneys journeys) {
        this.journeys = journeys;
    }

    @KafkaListener(topics = {Topics.REFERRALS, Topics.PLACEMENTS})
    void on(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent received;
        try {
            received = CloudEventRecords.fromRecord(record);
        } catch (RuntimeException notOurs) {
            // A record outside the contract cannot become valid by retrying; the payload is not logged (privacy).
            log.warn("Skipping record {}/{}@{}: {}", record.topic(), record.partition(), record.offset(), notOurs.getMessage());
            return;
        }
        journeys.record(received);
    }
}
