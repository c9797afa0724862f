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
        int schemaVersion) implements JobEvent {

    public JobStartedEvent(String jobId, String clientId, Region region, LocalDate startedOn, JobType jobType, Integer weeklyHours, EmployerSector employerSector, Integer occupation, boolean existingJob) {
        this(jobId, clientId, region, startedOn, jobType, weeklyHours, employerSector, occupation, existingJob, CURRENT_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return startedOn;
    }
}
