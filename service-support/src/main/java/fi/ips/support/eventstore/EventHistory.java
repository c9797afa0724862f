package fi.ips.support.eventstore;

import fi.ips.events.EventType;
import fi.ips.events.JourneyEvent;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An aggregate's stored events as the API shows them: what happened, when, and when it was recorded. */
public final class EventHistory {

    private EventHistory() {
    }

    public record Entry(String eventId, String type, LocalDate occurredOn, Instant recordedAt) {
    }

    public static List<Entry> of(List<? extends DomainEventMessage<?>> events) {
        return events.stream().map(message -> {
            JourneyEvent event = (JourneyEvent) message.getPayload();
            return new Entry(message.getIdentifier(), EventType.of(event).ceType(), event.occurredOn(), message.getTimestamp());
        }).toList();
    }
}
