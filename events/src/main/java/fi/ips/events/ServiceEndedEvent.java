package fi.ips.events;

import java.time.LocalDate;

/**
 * The client's IPS service ended.
 */
public record ServiceEndedEvent(
        String clientId,
        Region region,
        LocalDate endedOn,
        ServiceEndReason reason,
        int schemaVersion) implements EnrolmentEvent {

    public ServiceEndedEvent(String clientId, Region region, LocalDate endedOn, ServiceEndReason reason) {
        this(clientId, region, endedOn, reason, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return endedOn;
    }
}
