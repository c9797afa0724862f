package fi.ips.events;

import org.jspecify.annotations.Nullable;

import java.time.LocalDate;

/**
 * A client started studies: attachment to studies, not employment.
 *
 * @param level null when not given
 */
public record StudiesStartedEvent(
        String studyId,
        String clientId,
        Region region,
        LocalDate startedOn,
        @Nullable StudyLevel level,
        int schemaVersion) implements StudiesEvent {

    public StudiesStartedEvent(String studyId, String clientId, Region region, LocalDate startedOn, StudyLevel level) {
        this(studyId, clientId, region, startedOn, level, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return startedOn;
    }
}
