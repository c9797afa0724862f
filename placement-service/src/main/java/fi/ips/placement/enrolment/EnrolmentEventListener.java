package fi.ips.placement.enrolment;

import fi.ips.events.EnrolmentEvent;
import fi.ips.events.Topics;
import fi.ips.support.kafka.CloudEventRecords;
import fi.ips.support.kafka.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds {@link ClientEnrolments} from referral-service's topic; offsets are committed after the database write. */
@Component
class EnrolmentEventListener {

    private final ClientEnrolments enrolments;

    EnrolmentEventListener(ClientEnrolments enrolments) {
        this.enrolments = enrolments;
    }

    @KafkaListener(topics = Topics.REFERRALS)
    void on(ConsumerRecord<String, byte[]> record) {
        CloudEventRecords.receive(record)
                .map(ReceivedEvent::event)
                .filter(EnrolmentEvent.class::isInstance)
                .ifPresent(event -> enrolments.apply((EnrolmentEvent) event));
    }
}
