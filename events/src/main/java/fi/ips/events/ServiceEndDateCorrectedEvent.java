package fi.ips.events;

import java.time.LocalDate;

/**
 * Correction: the service end date was wrong; {@code endedOn} is the right one.
 */
public record ServiceEndDateCorrectedEvent(
        String clientId,
        Region region,
        LocalDate endedOn,
        int schemaVersion) implements EnrolmentEvent {

    public ServiceEndDateCorrectedEvent(String clientId, Region region, LocalDate endedOn) {
        this(clientId, region, endedOn, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return endedOn;
    }
}
