package fi.ips.placement.enrolment;

import fi.ips.events.EnrolmentEvent;
import fi.ips.events.Topics;
import fi.ips.support.kafka.CloudEventRecords;
import fi.ips.support.kafka.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Feeds {@link ClientEnrolments} from referral-service's topic; offsets are committed after the database write. */
@Component
class EnrolmentEventListener {

    private final ClientEnrolments enrolments;

    EnrolmentEventListener(ClientEnrolments enrolments) {
        this.enrolments = enrolments;
    }

    /** A poll's records at a time: one transaction for all of them. */
    @KafkaListener(topics = Topics.REFERRALS, batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        enrolments.applyAll(records.stream()
                .flatMap(record -> CloudEventRecords.receive(record).stream())
                .map(ReceivedEvent::event)
                .filter(EnrolmentEvent.class::isInstance)
                .map(EnrolmentEvent.class::cast)
                .toList());
    }
}
