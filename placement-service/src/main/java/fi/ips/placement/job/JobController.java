package fi.ips.placement.job;

import fi.ips.events.EmployerSector;
import fi.ips.events.JobEndReason;
import fi.ips.events.JobType;
import fi.ips.placement.enrolment.ClientEnrolment;
import fi.ips.placement.job.JobCommands.CorrectJobEndCommand;
import fi.ips.placement.job.JobCommands.CorrectJobStartCommand;
import fi.ips.placement.job.JobCommands.EndJobCommand;
import fi.ips.placement.job.JobCommands.StartJobCommand;
import fi.ips.placement.job.JobCommands.VoidJobCommand;
import fi.ips.placement.lifecycle.PlacementBatchOperations;
import fi.ips.placement.lifecycle.PlacementRequests;
import fi.ips.placement.lifecycle.PlacementView;
import fi.ips.support.eventstore.CommandBatch;
import fi.ips.support.idempotency.NewIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;

/** Jobs of a county's clients. The region is always the client's, never taken from the request. */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController implements PlacementBatchOperations {

    private final PlacementRequests requests;
    private final Clock clock;

    JobController(PlacementRequests requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    record StartJobRequest(
            @Pattern(regexp = PlacementRequests.ID, message = "1-64 characters A-Z a-z 0-9 . _ -") String jobId,
            @NotNull @Pattern(regexp = PlacementRequests.ID, message = "1-64 characters A-Z a-z 0-9 . _ -") String clientId,
            @NotNull LocalDate startedOn,
            @NotNull JobType jobType,
            @Min(1) @Max(60) Integer weeklyHours,
            EmployerSector employerSector,
            @Min(0) @Max(9) Integer occupation,
            Boolean fixedTerm) {
    }

    /** @param clientId when given, the job must be this client's (an import names the client of every row) */
    record EndJobRequest(@NotNull LocalDate endedOn, @NotNull JobEndReason reason,
                         @Pattern(regexp = PlacementRequests.ID, message = "1-64 characters A-Z a-z 0-9 . _ -") String clientId) {
    }

    record StartDateCorrection(@NotNull LocalDate startedOn) {
    }

    record EndDateCorrection(@NotNull LocalDate endedOn) {
    }

    @PostMapping
    @PreAuthorize("hasRole('COUNTY')")
    ResponseEntity<PlacementView> start(@Valid @RequestBody StartJobRequest r) {
        String jobId = r.jobId() != null ? r.jobId() : NewIds.forThisRequest();
        return requests.start(jobId, PlacementView.Kind.JOB, startCommand(jobId, r, requests.admit(r.clientId(), r.startedOn())));
    }

    @PostMapping("/{jobId}/end")
    @PreAuthorize("hasRole('COUNTY')")
    PlacementView end(@PathVariable String jobId, @Valid @RequestBody EndJobRequest r) {
        return requests.send(jobId, PlacementView.Kind.JOB, r.clientId(), endCommand(jobId, r));
    }

    /** {@code start-job} (the start's body, with its jobId) and {@code end-job} (the job's id and the end's body). */
    @Override
    public void addTo(CommandBatch.Operations operations) {
        operations.on("start-job", StartJobRequest.class, (id, r) -> {
            String jobId = CommandBatch.required(r.jobId(), "jobId");
            return requests.startOf(jobId, PlacementView.Kind.JOB, startCommand(jobId, r, requests.admitNow(r.clientId(), r.startedOn())));
        });
        operations.on("end-job", EndJobRequest.class, (id, r) -> requests.commandOf(id, PlacementView.Kind.JOB, r.clientId(), endCommand(id, r)));
    }

    /** A job that started before the agreement is kept as an existing job (job retention). */
    private static StartJobCommand startCommand(String jobId, StartJobRequest r, ClientEnrolment client) {
        boolean existingJob = r.startedOn().isBefore(client.agreementSignedOn());
        return new StartJobCommand(jobId, client.clientId(), client.region(), r.startedOn(), r.jobType(), r.weeklyHours(),
                r.employerSector(), r.occupation(), existingJob, r.fixedTerm());
    }

    private EndJobCommand endCommand(String jobId, EndJobRequest r) {
        return new EndJobCommand(jobId, requests.checkDate("endedOn", r.endedOn()), r.reason());
    }

    /** The job was entered by mistake and counts nowhere. */
    @PostMapping("/{jobId}/void")
    @PreAuthorize("hasRole('COUNTY')")
    PlacementView voidJob(@PathVariable String jobId) {
        return requests.send(jobId, PlacementView.Kind.JOB, new VoidJobCommand(jobId, LocalDate.now(clock)));
    }

    @PostMapping("/{jobId}/corrections/start-date")
    @PreAuthorize("hasRole('COUNTY')")
    PlacementView correctStart(@PathVariable String jobId, @Valid @RequestBody StartDateCorrection r) {
        return requests.correctStart(jobId, PlacementView.Kind.JOB, r.startedOn(), new CorrectJobStartCommand(jobId, r.startedOn()));
    }

    @PostMapping("/{jobId}/corrections/end-date")
    @PreAuthorize("hasRole('COUNTY')")
    PlacementView correctEnd(@PathVariable String jobId, @Valid @RequestBody EndDateCorrection r) {
        return requests.send(jobId, PlacementView.Kind.JOB, new CorrectJobEndCommand(jobId, requests.checkDate("endedOn", r.endedOn())));
    }

    @GetMapping("/{jobId}")
    @PreAuthorize("hasAnyRole('COUNTY', 'COORDINATOR')")
    PlacementView get(@PathVariable String jobId) {
        return requests.view(jobId, PlacementView.Kind.JOB);
    }
}
