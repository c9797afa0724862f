package fi.ips.support.kafka;

import fi.ips.events.EventType;
import fi.ips.events.JourneyEvent;

import java.time.Instant;

/**
 * A journey event as read from Kafka.
 *
 * @param id       the CloudEvents id: stable across re-sends, so a duplicate is recognised by it
 * @param recorded when the event was stored by the producing service
 */
public record ReceivedEvent(String id, EventType type, Instant recorded, JourneyEvent event) {
}
