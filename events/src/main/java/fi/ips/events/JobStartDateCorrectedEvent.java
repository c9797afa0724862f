package fi.ips.events;

import java.time.LocalDate;

/**
 * Correction: the job's start date was wrong; {@code startedOn} is the right one.
 */
public record JobStartDateCorrectedEvent(
        String jobId,
        String clientId,
        Region region,
        LocalDate startedOn,
        int schemaVersion) implements JobEvent {

    public JobStartDateCorrectedEvent(String jobId, String clientId, Region region, LocalDate startedOn) {
        this(jobId, clientId, region, startedOn, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return startedOn;
    }
}
