package fi.ips.referral.enrolment;

import fi.ips.events.AgeGroup;
import fi.ips.events.ReferralSource;
import fi.ips.events.Region;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.support.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The county projects' API for a client's enrolment. */
@RestController
@RequestMapping("/api/v1/referrals")
class EnrolmentController {

    static final String CLIENT_ID = "[A-Za-z0-9._-]{1,64}";

    private final CommandGateway commands;
    private final EventStore eventStore;

    EnrolmentController(CommandGateway commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    record ReferClientRequest(
            @Pattern(regexp = CLIENT_ID, message = "1-64 characters A-Z a-z 0-9 . _ -") String clientId,
            @NotNull String region,
            @NotNull LocalDate referredOn,
            @NotNull ReferralSource source,
            AgeGroup ageGroup) {
    }

    record SignAgreementRequest(@NotNull LocalDate signedOn) {
    }

    @PostMapping
    @PreAuthorize("hasRole('COUNTY')")
    ResponseEntity<EnrolmentView> refer(@Valid @RequestBody ReferClientRequest request) {
        Region region = region(request.region());
        Caller.current().requireOwnRegion(region);
        String clientId = request.clientId() != null ? request.clientId() : UUID.randomUUID().toString();
        commands.sendAndWait(new ReferClientCommand(clientId, region, request.referredOn(), request.source(), request.ageGroup()));
        var location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{clientId}").buildAndExpand(clientId).toUri();
        return ResponseEntity.created(location).body(view(clientId));
    }

    @PostMapping("/{clientId}/agreement")
    @PreAuthorize("hasRole('COUNTY')")
    EnrolmentView signAgreement(@PathVariable String clientId, @Valid @RequestBody SignAgreementRequest request) {
        Caller.current().requireWrite(view(clientId).region(), "client");
        commands.sendAndWait(new SignAgreementCommand(clientId, request.signedOn()));
        return view(clientId);
    }

    @GetMapping("/{clientId}")
    @PreAuthorize("hasAnyRole('COUNTY', 'COORDINATOR')")
    EnrolmentView get(@PathVariable String clientId) {
        EnrolmentView view = view(clientId);
        Caller.current().requireRead(view.region(), "client");
        return view;
    }

    private EnrolmentView view(String clientId) {
        List<? extends DomainEventMessage<?>> events = clientId.matches(CLIENT_ID)
                ? eventStore.readEvents(clientId).asStream().toList()
                : List.of();
        if (events.isEmpty()) {
            throw RuleViolationException.notFound("No client with this id");
        }
        return EnrolmentView.of(events);
    }

    private static Region region(String code) {
        if (!Region.isCode(code)) {
            throw RuleViolationException.unprocessable("region-code", "region",
                    "region must be a wellbeing services county code 01-21, 90 or 91");
        }
        return Region.ofCode(code);
    }
}
