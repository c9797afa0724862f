package fi.ips.events;

import java.time.LocalDate;

/**
 * Correction: the job's end date was wrong; {@code endedOn} is the right one.
 */
public record JobEndDateCorrectedEvent(
        String jobId,
        String clientId,
        Region region,
        LocalDate endedOn,
        int schemaVersion) implements JobEvent {

    public JobEndDateCorrectedEvent(String jobId, String clientId, Region region, LocalDate endedOn) {
        this(jobId, clientId, region, endedOn, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return endedOn;
    }
}
