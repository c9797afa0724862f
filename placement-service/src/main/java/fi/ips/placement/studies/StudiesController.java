package fi.ips.placement.studies;

import fi.ips.events.StudiesEndReason;
import fi.ips.events.StudyLevel;
import fi.ips.placement.enrolment.ClientEnrolment;
import fi.ips.placement.lifecycle.PlacementBatchOperations;
import fi.ips.placement.lifecycle.PlacementRequests;
import fi.ips.placement.lifecycle.PlacementView;
import fi.ips.placement.studies.StudiesCommands.CorrectStudiesEndCommand;
import fi.ips.placement.studies.StudiesCommands.CorrectStudiesStartCommand;
import fi.ips.placement.studies.StudiesCommands.EndStudiesCommand;
import fi.ips.placement.studies.StudiesCommands.StartStudiesCommand;
import fi.ips.placement.studies.StudiesCommands.VoidStudiesCommand;
import fi.ips.support.eventstore.CommandBatch;
import fi.ips.support.idempotency.NewIds;
import jakarta.validation.Valid;
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

/** Studies of a county's clients. The region is always the client's, never taken from the request. */
@RestController
@RequestMapping("/api/v1/studies")
class StudiesController implements PlacementBatchOperations {

    private final PlacementRequests requests;
    private final Clock clock;

    StudiesController(PlacementRequests requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    record StartStudiesRequest(
            @Pattern(regexp = PlacementRequests.ID, message = "1-64 characters A-Z a-z 0-9 . _ -") String studyId,
            @NotNull @Pattern(regexp = PlacementRequests.ID, message = "1-64 characters A-Z a-z 0-9 . _ -") String clientId,
            @NotNull LocalDate startedOn,
            StudyLevel level) {
    }

    /** @param clientId when given, the study placement must be this client's (an import names the client of every row) */
    record EndStudiesRequest(@NotNull LocalDate endedOn, @NotNull StudiesEndReason reason,
                             @Pattern(regexp = PlacementRequests.ID, message = "1-64 characters A-Z a-z 0-9 . _ -") String clientId) {
    }

    record StartDateCorrection(@NotNull LocalDate startedOn) {
    }

    record EndDateCorrection(@NotNull LocalDate endedOn) {
    }

    @PostMapping
    @PreAuthorize("hasRole('COUNTY')")
    ResponseEntity<PlacementView> start(@Valid @RequestBody StartStudiesRequest r) {
        String studyId = r.studyId() != null ? r.studyId() : NewIds.forThisRequest();
        return requests.start(studyId, PlacementView.Kind.STUDIES, startCommand(studyId, r, requests.admit(r.clientId(), r.startedOn())));
    }

    @PostMapping("/{studyId}/end")
    @PreAuthorize("hasRole('COUNTY')")
    PlacementView end(@PathVariable String studyId, @Valid @RequestBody EndStudiesRequest r) {
        return requests.send(studyId, PlacementView.Kind.STUDIES, r.clientId(), endCommand(studyId, r));
    }

    /** {@code start-studies} (the start's body, with its studyId) and {@code end-studies} (the placement's id and the end's body). */
    @Override
    public void addTo(CommandBatch.Operations operations) {
        operations.on("start-studies", StartStudiesRequest.class, (id, r) -> {
            String studyId = CommandBatch.required(r.studyId(), "studyId");
            return requests.startOf(studyId, PlacementView.Kind.STUDIES, startCommand(studyId, r, requests.admitNow(r.clientId(), r.startedOn())));
        });
        operations.on("end-studies", EndStudiesRequest.class, (id, r) -> requests.commandOf(id, PlacementView.Kind.STUDIES, r.clientId(), endCommand(id, r)));
    }

    private static StartStudiesCommand startCommand(String studyId, StartStudiesRequest r, ClientEnrolment client) {
        return new StartStudiesCommand(studyId, client.clientId(), client.region(), r.startedOn(), r.level());
    }

    private EndStudiesCommand endCommand(String studyId, EndStudiesRequest r) {
        return new EndStudiesCommand(studyId, requests.checkDate("endedOn", r.endedOn()), r.reason());
    }

    /** The study placement was entered by mistake and counts nowhere. */
    @PostMapping("/{studyId}/void")
    @PreAuthorize("hasRole('COUNTY')")
    PlacementView voidStudies(@PathVariable String studyId) {
        return requests.send(studyId, PlacementView.Kind.STUDIES, new VoidStudiesCommand(studyId, LocalDate.now(clock)));
    }

    @PostMapping("/{studyId}/corrections/start-date")
    @PreAuthorize("hasRole('COUNTY')")
    PlacementView correctStart(@PathVariable String studyId, @Valid @RequestBody StartDateCorrection r) {
        return requests.correctStart(studyId, PlacementView.Kind.STUDIES, r.startedOn(), new CorrectStudiesStartCommand(studyId, r.startedOn()));
    }

    @PostMapping("/{studyId}/corrections/end-date")
    @PreAuthorize("hasRole('COUNTY')")
    PlacementView correctEnd(@PathVariable String studyId, @Valid @RequestBody EndDateCorrection r) {
        return requests.send(studyId, PlacementView.Kind.STUDIES, new CorrectStudiesEndCommand(studyId, requests.checkDate("endedOn", r.endedOn())));
    }

    @GetMapping("/{studyId}")
    @PreAuthorize("hasAnyRole('COUNTY', 'COORDINATOR')")
    PlacementView get(@PathVariable String studyId) {
        return requests.view(studyId, PlacementView.Kind.STUDIES);
    }
}
