package fi.ips.events;

import java.time.LocalDate;

/**
 * Correction: the studies' end date was wrong; {@code endedOn} is the right one.
 */
public record StudiesEndDateCorrectedEvent(
        String studyId,
        String clientId,
        Region region,
        LocalDate endedOn,
        int schemaVersion) implements StudiesEvent {

    public StudiesEndDateCorrectedEvent(String studyId, String clientId, Region region, LocalDate endedOn) {
        this(studyId, clientId, region, endedOn, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return endedOn;
    }
}
