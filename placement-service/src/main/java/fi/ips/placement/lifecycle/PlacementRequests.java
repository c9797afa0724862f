package fi.ips.placement.lifecycle;

import fi.ips.events.Region;
import fi.ips.placement.enrolment.ClientEnrolment;
import fi.ips.placement.enrolment.ClientEnrolments;
import fi.ips.support.eventstore.CommandBatch;
import fi.ips.support.eventstore.CommandBatch.Prepared;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.support.security.Caller;
import fi.ips.support.validation.EventDateRules;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the job and the studies API do alike: admit a start for a client with an agreement in the
 * caller's region, send a command for an existing placement of the caller's region, show a
 * placement. Another region's placement is answered 404.
 */
@Component
public class PlacementRequests {

    public static final String ID = "[A-Za-z0-9._-]{1,64}";
    private static final Pattern ID_PATTERN = Pattern.compile(ID);

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final ClientEnrolments enrolments;
    private final PlacementIndex index;
    private final EventDateRules dates;

    PlacementRequests(CommandGateway commands, EventStore eventStore, ClientEnrolments enrolments, PlacementIndex index,
                      EventDateRules dates) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.enrolments = enrolments;
        this.index = index;
        this.dates = dates;
    }

    /**
     * The client's enrolment, for a placement starting on {@code startedOn}.
     *
     * @throws RuleViolationException 409 for a client without an agreement in the caller's region (after a brief
     *                                wait) or a voided client; 422 for a start before the referral or a wrong date
     */
    public ClientEnrolment admit(String clientId, LocalDate startedOn) {
        dates.check("startedOn", startedOn);
        return admitted(enrolments.requireAgreement(clientId), startedOn);
    }

    /** {@link #admit} for a batch: an agreement still on its way is not waited for. */
    public ClientEnrolment admitNow(String clientId, LocalDate startedOn) {
        dates.check("startedOn", startedOn);
        return admitted(enrolments.requireAgreementNow(clientId), startedOn);
    }

    private static ClientEnrolment admitted(ClientEnrolment client, LocalDate startedOn) {
        requireNotBeforeReferral(client, startedOn, "startedOn");
        return client;
    }

    /** Starts a placement and answers 201 with it and its {@code Location}; an id is one job's or one study's. */
    public ResponseEntity<PlacementView> start(String id, PlacementView.Kind kind, Object command) {
        commands.sendAndWait(startOf(id, kind, command).command());
        PlacementView view = view(id, kind);
        var location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(id).toUri();
        return ResponseEntity.created(location).body(view);
    }

    /** A batch's start of a placement, checked as {@link #start} checks it. */
    public Prepared startOf(String id, PlacementView.Kind kind, Object command) {
        PlacementView existing = eventStore.readEvents(id).asStream().findFirst().map(first -> PlacementView.of(List.of(first))).orElse(null);
        if (existing != null && existing.kind() != kind) {
            if (!Caller.current().mayWrite(existing.region())) {
                throw PlacementLifecycle.usedInAnotherRegion();
            }
            throw RuleViolationException.conflict("placement-already-exists", "id", "This id is already used by another placement");
        }
        return new Prepared(id, command);
    }

    /** Sends a command for an existing placement of this kind in the caller's region and answers its new state. */
    public PlacementView send(String id, PlacementView.Kind kind, Object command) {
        return send(id, kind, null, command);
    }

    /** {@link #send(String, PlacementView.Kind, Object)} for a placement that, when {@code clientId} is given, must be that client's. */
    public PlacementView send(String id, PlacementView.Kind kind, String clientId, Object command) {
        commands.sendAndWait(commandOf(id, kind, clientId, command).command());
        return view(id, kind);
    }

    /** A batch's command for an existing placement, checked as {@link #send(String, PlacementView.Kind, String, Object)} checks it. */
    public Prepared commandOf(String id, PlacementView.Kind kind, String clientId, Object command) {
        PlacementView placement = writable(CommandBatch.required(id, "id"), kind);
        if (clientId != null && !clientId.equals(placement.clientId())) {
            throw RuleViolationException.conflict("placement-of-another-client", "clientId", "This placement belongs to another client");
        }
        return new Prepared(id, command);
    }

    /**
     * Corrects the start date of a placement of this kind in the caller's region and answers its new
     * state. The date keeps the rules of a start; it is checked against the client's referral only
     * once the caller may write the placement, since the answer would tell of another region's client.
     */
    public PlacementView correctStart(String id, PlacementView.Kind kind, LocalDate startedOn, Object command) {
        dates.check("startedOn", startedOn);
        PlacementView placement = writable(id, kind);
        enrolments.find(placement.clientId()).ifPresent(client -> requireNotBeforeReferral(client, startedOn, "startedOn"));
        commands.sendAndWait(command);
        return view(id, kind);
    }

    public LocalDate checkDate(String field, LocalDate date) {
        return dates.check(field, date);
    }

    /** The placement of this kind, if the caller may read it. */
    public PlacementView view(String id, PlacementView.Kind kind) {
        PlacementView view = read(id, kind);
        Caller.current().requireRead(view.region(), "placement");
        return view;
    }

    /** The client's placements, if the caller may read them: none for a client it may read who has none yet. */
    public List<PlacementView> ofClient(String clientId) {
        List<PlacementView> placements = index.placementsOf(clientId).stream().map(this::read).toList();
        Optional<Region> region = placements.isEmpty() ? enrolments.find(clientId).map(ClientEnrolment::region)
                : Optional.of(placements.get(0).region());
        if (region.isEmpty() || !Caller.current().mayRead(region.get())) {
            throw RuleViolationException.notFound("No client by this id");
        }
        return placements;
    }

    private PlacementView read(String id) {
        List<? extends DomainEventMessage<?>> events = ID_PATTERN.matcher(id).matches() ? eventStore.readEvents(id).asStream().toList() : List.of();
        if (events.isEmpty()) {
            throw RuleViolationException.notFound("No placement with this id");
        }
        return PlacementView.of(events);
    }

    /**
     * A job's or a study's id names no placement of the other kind: its events would not load as
     * that kind's aggregate (Axon does not tell aggregates apart by type). Answered as an id that
     * names nothing, so that the answer tells nothing of a placement in another region.
     */
    private PlacementView read(String id, PlacementView.Kind kind) {
        PlacementView placement = read(id);
        if (placement.kind() != kind) {
            throw RuleViolationException.notFound("No placement with this id");
        }
        return placement;
    }

    /** The placement of this kind, if the caller may write it. */
    private PlacementView writable(String id, PlacementView.Kind kind) {
        PlacementView placement = read(id, kind);
        Caller.current().requireWrite(placement.region(), "placement");
        return placement;
    }

    private static void requireNotBeforeReferral(ClientEnrolment client, LocalDate date, String field) {
        if (client.referredOn() != null && date.isBefore(client.referredOn())) {
            throw RuleViolationException.unprocessable("before-referral", field,
                    field + " cannot be before the client's referral, " + client.referredOn());
        }
    }
}
