package fi.ips.events;

import java.time.LocalDate;

/**
 * Correction: the studies' start date was wrong; {@code startedOn} is the right one.
 */
public record StudiesStartDateCorrectedEvent(
        String studyId,
        String clientId,
        Region region,
        LocalDate startedOn,
        int schemaVersion) implements StudiesEvent {

    public StudiesStartDateCorrectedEvent(String studyId, String clientId, Region region, LocalDate startedOn) {
        this(studyId, clientId, region, startedOn, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return startedOn;
    }
}
