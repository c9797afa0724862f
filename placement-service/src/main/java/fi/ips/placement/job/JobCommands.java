package fi.ips.placement.job;

import fi.ips.events.EmployerSector;
import fi.ips.events.JobEndReason;
import fi.ips.events.JobType;
import fi.ips.events.Region;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

final class JobCommands {

    private JobCommands() {
    }

    /** @param existingJob started before the agreement: job retention, not a job found through IPS */
    record StartJobCommand(@TargetAggregateIdentifier String jobId, String clientId, Region region, LocalDate startedOn,
                           JobType jobType, Integer weeklyHours, EmployerSector employerSector, Integer occupation,
                           boolean existingJob, Boolean fixedTerm) {
    }

    record EndJobCommand(@TargetAggregateIdentifier String jobId, LocalDate endedOn, JobEndReason reason) {
    }

    record VoidJobCommand(@TargetAggregateIdentifier String jobId, LocalDate voidedOn) {
    }

    record CorrectJobStartCommand(@TargetAggregateIdentifier String jobId, LocalDate startedOn) {
    }

    record CorrectJobEndCommand(@TargetAggregateIdentifier String jobId, LocalDate endedOn) {
    }
}
