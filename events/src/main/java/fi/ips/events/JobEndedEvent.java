package fi.ips.events;

import java.time.LocalDate;

/**
 * A job ended.
 */
public record JobEndedEvent(
        String jobId,
        String clientId,
        Region region,
        LocalDate endedOn,
        JobEndReason reason,
        int schemaVersion) implements JobEvent {

    public JobEndedEvent(String jobId, String clientId, Region region, LocalDate endedOn, JobEndReason reason) {
        this(jobId, clientId, region, endedOn, reason, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return endedOn;
    }
}
