package fi.ips.events;

import java.time.LocalDate;

/**
 * Correction: the study placement was entered by mistake and counts nowhere.
 */
public record StudiesVoidedEvent(
        String studyId,
        String clientId,
        Region region,
        LocalDate voidedOn,
        int schemaVersion) implements StudiesEvent {

    public StudiesVoidedEvent(String studyId, String clientId, Region region, LocalDate voidedOn) {
        this(studyId, clientId, region, voidedOn, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return voidedOn;
    }
}
