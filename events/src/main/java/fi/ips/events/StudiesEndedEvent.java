package fi.ips.events;

import java.time.LocalDate;

/**
 * A client's studies ended.
 */
public record StudiesEndedEvent(
        String studyId,
        String clientId,
        Region region,
        LocalDate endedOn,
        StudiesEndReason reason,
        int schemaVersion) implements StudiesEvent {

    public StudiesEndedEvent(String studyId, String clientId, Region region, LocalDate endedOn, StudiesEndReason reason) {
        this(studyId, clientId, region, endedOn, reason, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return endedOn;
    }
}
