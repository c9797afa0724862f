package fi.ips.events;

import org.jspecify.annotations.Nullable;

import java.time.LocalDate;

/**
 * A client started a job. Only {@link JobType#isPaid() paid} jobs count as employment.
 *
 * @param weeklyHours 1–60, null when not given
 *
 * @param employerSector null when not given
 *
 * @param occupation ISCO-08 major group 0–9, null when not given
 *
 * @param existingJob the job started before the agreement (job retention): not a job found through IPS
 * @param fixedTerm   a fixed-term contract (määräaikainen); null when not given. Added in schema version 2:
 *                    events stored before it are read with null here.
 */
public record JobStartedEvent(
        String jobId,
        String clientId,
        Region region,
        LocalDate startedOn,
        JobType jobType,
        @Nullable Integer weeklyHours,
        @Nullable EmployerSector employerSector,
        @Nullable Integer occupation,
        boolean existingJob,
        @SinceSchemaVersion(2) @Nullable Boolean fixedTerm,
        int schemaVersion) implements JobEvent {

    /** This type's schema version: 2 added {@code fixedTerm}. */
    public static final int SCHEMA_VERSION = 2;

    public JobStartedEvent(String jobId, String clientId, Region region, LocalDate startedOn, JobType jobType, Integer weeklyHours,
                           EmployerSector employerSector, Integer occupation, boolean existingJob, Boolean fixedTerm) {
        this(jobId, clientId, region, startedOn, jobType, weeklyHours, employerSector, occupation, existingJob, fixedTerm, SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return startedOn;
    }
}
