package fi.ips.referral.enrolment;

import fi.ips.events.EnrolmentEvent;
import fi.ips.events.EventType;
import fi.ips.events.Region;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A client's current state and history, read from the client's events in the event store. */
record EnrolmentView(String clientId, Region region, EnrolmentStatus status, LocalDate referredOn,
                     LocalDate agreementSignedOn, LocalDate endedOn, List<HistoryEntry> history) {

    /** One stored event: what happened (type, event date) and when it was recorded. */
    record HistoryEntry(String eventId, String type, LocalDate occurredOn, Instant recordedAt) {
    }

    static EnrolmentView of(List<? extends DomainEventMessage<?>> events) {
        EnrolmentState state = EnrolmentState.NONE;
        List<HistoryEntry> history = new ArrayList<>();
        for (DomainEventMessage<?> message : events) {
            EnrolmentEvent event = (EnrolmentEvent) message.getPayload();
            state = state.apply(event);
            history.add(new HistoryEntry(message.getIdentifier(), EventType.of(event).ceType(), event.occurredOn(),
                    message.getTimestamp()));
        }
        return new EnrolmentView(state.clientId(), state.region(), state.status(), state.referredOn(),
                state.agreementSignedOn(), state.endedOn(), List.copyOf(history));
    }
}
