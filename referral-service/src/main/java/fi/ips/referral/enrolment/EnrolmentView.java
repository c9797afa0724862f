package fi.ips.referral.enrolment;

import fi.ips.events.EnrolmentEvent;
import fi.ips.events.Region;
import fi.ips.support.eventstore.EventHistory;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.LocalDate;
import java.util.List;

/** A client's current state and history, read from the client's events in the event store. */
record EnrolmentView(String clientId, Region region, EnrolmentStatus status, LocalDate referredOn,
                     LocalDate agreementSignedOn, LocalDate endedOn, List<EventHistory.Entry> history) {

    static EnrolmentView of(List<? extends DomainEventMessage<?>> events) {
        EnrolmentState state = EnrolmentState.NONE;
        for (DomainEventMessage<?> message : events) {
            state = state.apply((EnrolmentEvent) message.getPayload());
        }
        return new EnrolmentView(state.clientId(), state.region(), state.status(), state.referredOn(),
                state.agreementSignedOn(), state.endedOn(), EventHistory.of(events));
    }
}
