package fi.ips.referral.enrolment;

import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.EventType;
import fi.ips.events.JourneyEvent;
import fi.ips.events.Region;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A client's current state and history, folded from the client's events in the event store. */
record EnrolmentView(String clientId, Region region, Status status, LocalDate referredOn,
                     LocalDate agreementSignedOn, List<HistoryEntry> history) {

    enum Status { REFERRED, AGREEMENT_SIGNED }

    /** One stored event: what happened (type, event date) and when it was recorded. */
    record HistoryEntry(String eventId, String type, LocalDate occurredOn, Instant recordedAt) {
    }

    static EnrolmentView of(List<? extends DomainEventMessage<?>> events) {
        String clientId = null;
        Region region = null;
        Status status = null;
        LocalDate referredOn = null;
        LocalDate signedOn = null;
        List<HistoryEntry> history = new ArrayList<>();
        for (DomainEventMessage<?> message : events) {
            JourneyEvent event = (JourneyEvent) message.getPayload();
            history.add(new HistoryEntry(message.getIdentifier(), EventType.of(event).ceType(), event.occurredOn(),
                    message.getTimestamp()));
            if (event instanceof ClientReferredEvent referred) {
                clientId = referred.clientId();
                region = referred.region();
                referredOn = referred.referredOn();
                status = Status.REFERRED;
            } else if (event instanceof AgreementSignedEvent signed) {
                signedOn = signed.signedOn();
                status = Status.AGREEMENT_SIGNED;
            }
        }
        return new EnrolmentView(clientId, region, status, referredOn, signedOn, List.copyOf(history));
    }
}
