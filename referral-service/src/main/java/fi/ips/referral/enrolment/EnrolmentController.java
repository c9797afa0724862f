package fi.ips.referral.enrolment;

import fi.ips.events.AgeGroup;
import fi.ips.events.DeclineReason;
import fi.ips.events.ReferralSource;
import fi.ips.events.Region;
import fi.ips.events.ServiceEndReason;
import fi.ips.referral.enrolment.EnrolmentCommands.CorrectAgreementDateCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.CorrectEndDateCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.CorrectReferralDateCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.DeclineReferralCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.EndServiceCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.SignAgreementCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.VoidReferralCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.WithdrawReferralCommand;
import fi.ips.support.eventstore.CommandBatch;
import fi.ips.support.eventstore.CommandBatch.Prepared;
import fi.ips.support.idempotency.NewIds;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.support.security.Caller;
import fi.ips.support.validation.EventDateRules;
import fi.ips.support.validation.RegionCodes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The county projects' API for a client's enrolment. A county writes and reads only its own
 * region's clients (another region's client is answered 404); the coordinator reads all.
 */
@RestController
@RequestMapping("/api/v1/referrals")
@Validated
class EnrolmentController {

    static final String CLIENT_ID = "[A-Za-z0-9._-]{1,64}";
    private static final java.util.regex.Pattern CLIENT_ID_PATTERN = java.util.regex.Pattern.compile(CLIENT_ID);
    private static final String COUNTY = "hasRole('COUNTY')";
    private static final String READER = "hasAnyRole('COUNTY', 'COORDINATOR')";

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final EnrolmentList list;
    private final EventDateRules dates;
    private final Clock clock;
    private final CommandBatch batches;
    /** The operations of a batch: the single endpoints' requests, checked alike. */
    private final CommandBatch.Operations batchOperations = new CommandBatch.Operations()
            .on("refer", ReferClientRequest.class, (id, request) -> {
                String clientId = CommandBatch.required(request.clientId(), "clientId");
                return new Prepared(clientId, referCommand(clientId, request));
            })
            .on("decline", DeclineRequest.class, (id, request) -> existing(id, declineCommand(id, request)))
            .on("withdraw", WithdrawRequest.class, (id, request) -> existing(id, withdrawCommand(id, request)))
            .on("agreement", SignAgreementRequest.class, (id, request) -> existing(id, agreementCommand(id, request)))
            .on("end", EndServiceRequest.class, (id, request) -> existing(id, endCommand(id, request)));

    EnrolmentController(CommandGateway commands, EventStore eventStore, EnrolmentList list, EventDateRules dates, Clock clock,
                        CommandBatch batches) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.list = list;
        this.dates = dates;
        this.clock = clock;
        this.batches = batches;
    }

    record ReferClientRequest(
            @Pattern(regexp = CLIENT_ID, message = "1-64 characters A-Z a-z 0-9 . _ -") String clientId,
            @NotNull String region,
            @NotNull LocalDate referredOn,
            @NotNull ReferralSource source,
            AgeGroup ageGroup) {
    }

    record DeclineRequest(@NotNull LocalDate on, @NotNull DeclineReason reason) {
    }

    record WithdrawRequest(@NotNull LocalDate on) {
    }

    record SignAgreementRequest(@NotNull LocalDate signedOn) {
    }

    record EndServiceRequest(@NotNull LocalDate endedOn, @NotNull ServiceEndReason reason) {
    }

    record ReferralDateCorrection(@NotNull LocalDate referredOn) {
    }

    record AgreementDateCorrection(@NotNull LocalDate signedOn) {
    }

    record EndDateCorrection(@NotNull LocalDate endedOn) {
    }

    @PostMapping
    @PreAuthorize(COUNTY)
    ResponseEntity<EnrolmentView> refer(@Valid @RequestBody ReferClientRequest request) {
        String clientId = request.clientId() != null ? request.clientId() : NewIds.forThisRequest();
        commands.sendAndWait(referCommand(clientId, request));
        EnrolmentView view = view(clientId);
        var location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{clientId}").buildAndExpand(clientId).toUri();
        return ResponseEntity.created(location).body(view);
    }

    @PostMapping("/{clientId}/decline")
    @PreAuthorize(COUNTY)
    EnrolmentView decline(@PathVariable String clientId, @Valid @RequestBody DeclineRequest request) {
        return send(clientId, declineCommand(clientId, request));
    }

    @PostMapping("/{clientId}/withdraw")
    @PreAuthorize(COUNTY)
    EnrolmentView withdraw(@PathVariable String clientId, @Valid @RequestBody WithdrawRequest request) {
        return send(clientId, withdrawCommand(clientId, request));
    }

    @PostMapping("/{clientId}/agreement")
    @PreAuthorize(COUNTY)
    EnrolmentView signAgreement(@PathVariable String clientId, @Valid @RequestBody SignAgreementRequest request) {
        return send(clientId, agreementCommand(clientId, request));
    }

    @PostMapping("/{clientId}/end")
    @PreAuthorize(COUNTY)
    EnrolmentView end(@PathVariable String clientId, @Valid @RequestBody EndServiceRequest request) {
        return send(clientId, endCommand(clientId, request));
    }

    /**
     * Many referrals and steps of enrolments at once, for imports ({@link CommandBatch}): operations
     * {@code refer} (the referral's body, with its clientId), and {@code decline}, {@code withdraw},
     * {@code agreement}, {@code end} (the client's id and the step's body); {@code ?region=} keeps
     * it to that region's records.
     */
    @PostMapping("/batch")
    @PreAuthorize(COUNTY)
    CommandBatch.Answer batch(@RequestBody CommandBatch.Request request, @RequestParam(required = false) String region) {
        return batches.run(request, batchOperations, region);
    }

    /** The referral was entered by mistake: the client then counts nowhere. */
    @PostMapping("/{clientId}/void")
    @PreAuthorize(COUNTY)
    EnrolmentView voidReferral(@PathVariable String clientId) {
        return send(clientId, new VoidReferralCommand(clientId, LocalDate.now(clock)));
    }

    @PostMapping("/{clientId}/corrections/referral-date")
    @PreAuthorize(COUNTY)
    EnrolmentView correctReferralDate(@PathVariable String clientId, @Valid @RequestBody ReferralDateCorrection request) {
        return send(clientId, new CorrectReferralDateCommand(clientId, dates.check("referredOn", request.referredOn())));
    }

    @PostMapping("/{clientId}/corrections/agreement-date")
    @PreAuthorize(COUNTY)
    EnrolmentView correctAgreementDate(@PathVariable String clientId, @Valid @RequestBody AgreementDateCorrection request) {
        return send(clientId, new CorrectAgreementDateCommand(clientId, dates.check("signedOn", request.signedOn())));
    }

    @PostMapping("/{clientId}/corrections/end-date")
    @PreAuthorize(COUNTY)
    EnrolmentView correctEndDate(@PathVariable String clientId, @Valid @RequestBody EndDateCorrection request) {
        return send(clientId, new CorrectEndDateCommand(clientId, dates.check("endedOn", request.endedOn())));
    }

    @GetMapping("/{clientId}")
    @PreAuthorize(READER)
    EnrolmentView get(@PathVariable String clientId) {
        EnrolmentView view = view(clientId);
        Caller.current().requireRead(view.region(), "client");
        return view;
    }

    /** A page of a region's clients; a county's own region when none is given. */
    @GetMapping
    @PreAuthorize(READER)
    EnrolmentList.Page page(@RequestParam(required = false) String region,
                            @RequestParam(required = false) EnrolmentStatus status,
                            @RequestParam(defaultValue = "0") @Min(0) int page,
                            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Caller caller = Caller.current();
        Region wanted;
        if (region != null) {
            wanted = RegionCodes.parse("region", region);
        } else if (caller.regions().size() == 1) {
            wanted = Region.ofCode(caller.regions().iterator().next());
        } else {
            throw RuleViolationException.unprocessable("region-required", "region", "region is required: a county code 01-21, 90 or 91");
        }
        caller.requireReadableRegion(wanted);
        return list.page(wanted, status, page, size);
    }

    private ReferClientCommand referCommand(String clientId, ReferClientRequest request) {
        Region region = RegionCodes.parse("region", request.region());
        Caller.current().requireOwnRegion(region);
        return new ReferClientCommand(clientId, region, dates.check("referredOn", request.referredOn()), request.source(), request.ageGroup());
    }

    private DeclineReferralCommand declineCommand(String clientId, DeclineRequest request) {
        return new DeclineReferralCommand(clientId, dates.check("on", request.on()), request.reason());
    }

    private WithdrawReferralCommand withdrawCommand(String clientId, WithdrawRequest request) {
        return new WithdrawReferralCommand(clientId, dates.check("on", request.on()));
    }

    private SignAgreementCommand agreementCommand(String clientId, SignAgreementRequest request) {
        return new SignAgreementCommand(clientId, dates.check("signedOn", request.signedOn()));
    }

    private EndServiceCommand endCommand(String clientId, EndServiceRequest request) {
        return new EndServiceCommand(clientId, dates.check("endedOn", request.endedOn()), request.reason());
    }

    /** Sends a command for an existing client of the caller's region and answers the client's new state. */
    private EnrolmentView send(String clientId, Object command) {
        requireWritable(clientId);
        commands.sendAndWait(command);
        return view(clientId);
    }

    /** A batch's command for an existing client of the caller's region. */
    private Prepared existing(String clientId, Object command) {
        requireWritable(CommandBatch.required(clientId, "id"));
        return new Prepared(clientId, command);
    }

    /**
     * The region from the clients list (kept in the same transaction as the events) instead of the
     * whole history: one indexed row. The history decides for a client the list does not hold.
     */
    private void requireWritable(String clientId) {
        Region region = list.regionOf(clientId).orElseGet(() -> view(clientId).region());
        Caller.current().requireWrite(region, "client");
    }

    private EnrolmentView view(String clientId) {
        List<? extends DomainEventMessage<?>> events = CLIENT_ID_PATTERN.matcher(clientId).matches()
                ? eventStore.readEvents(clientId).asStream().toList()
                : List.of();
        if (events.isEmpty()) {
            throw RuleViolationException.notFound("No client with this id");
        }
        return EnrolmentView.of(events);
    }
}
