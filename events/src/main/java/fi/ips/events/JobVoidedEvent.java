package fi.ips.events;

import java.time.LocalDate;

/**
 * Correction: the job was entered by mistake and counts nowhere.
 */
public record JobVoidedEvent(
        String jobId,
        String clientId,
        Region region,
        LocalDate voidedOn,
        int schemaVersion) implements JobEvent {

    public JobVoidedEvent(String jobId, String clientId, Region region, LocalDate voidedOn) {
        this(jobId, clientId, region, voidedOn, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return voidedOn;
    }
}
