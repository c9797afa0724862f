package fi.ips.placement.lifecycle;

import fi.ips.events.PlacementEvent;
import fi.ips.events.Region;
import fi.ips.support.problem.RuleViolationException;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.LocalDate;
import java.util.function.Supplier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The rules a job and a study placement share: it starts once (the same start again is a
 * success that stores nothing), ends once and not before it started, can be voided, and its
 * dates are corrected by events of their own. The subclasses are the aggregates; they say which
 * events these are.
 */
public abstract class PlacementLifecycle {

    @AggregateIdentifier
    protected String id;
    protected String clientId;
    protected Region region;
    private PlacementEvent started;
    private LocalDate startedOn;
    private LocalDate endedOn;
    /** Why it ended: the same end again has the same reason. */
    private Enum<?> endedFor;
    private boolean voided;

    protected void start(PlacementEvent event) {
        if (started == null) {
            apply(event);
        } else if (region != event.region()) {
            throw usedInAnotherRegion();
        } else if (!started.equals(event)) {
            throw RuleViolationException.conflict("placement-already-exists", "id",
                    "A placement with this id already exists with different content");
        }
    }

    /**
     * As for client ids (Enrolment): a county numbering its placements as another does is told the id is
     * not its placement's, not that its placement exists with other content.
     */
    static RuleViolationException usedInAnotherRegion() {
        return RuleViolationException.conflict("placement-id-used-in-another-region", "id",
                "This placement id is used in another region: placement ids are unique nationally, for example with your region's code in front");
    }

    protected void end(LocalDate on, Enum<?> reason, Supplier<PlacementEvent> ended) {
        requireNotVoided();
        if (endedOn != null) {
            if (endedOn.equals(on) && reason == endedFor) {
                return;
            }
            throw RuleViolationException.conflict("already-ended", "endedOn",
                    "This placement already ended (on " + endedOn + ", " + endedFor + "); a date can be corrected");
        }
        requireNotBeforeStart(on);
        apply(ended.get());
    }

    protected void voidIt(Supplier<PlacementEvent> voidedEvent) {
        if (!voided) {
            apply(voidedEvent.get());
        }
    }

    protected void correctStart(LocalDate on, Supplier<PlacementEvent> corrected) {
        requireNotVoided();
        if (on.equals(startedOn)) {
            return;
        }
        if (endedOn != null && on.isAfter(endedOn)) {
            throw RuleViolationException.unprocessable("start-after-end", "startedOn",
                    "The start cannot be after the end, " + endedOn);
        }
        apply(corrected.get());
    }

    protected void correctEnd(LocalDate on, Supplier<PlacementEvent> corrected) {
        requireNotVoided();
        if (endedOn == null) {
            throw RuleViolationException.conflict("not-ended", "endedOn", "This placement has not ended: there is no end date to correct");
        }
        if (on.equals(endedOn)) {
            return;
        }
        requireNotBeforeStart(on);
        apply(corrected.get());
    }

    protected void started(PlacementEvent event, LocalDate on) {
        id = event.placementId();
        clientId = event.clientId();
        region = event.region();
        started = event;
        startedOn = on;
    }

    protected void ended(LocalDate on, Enum<?> reason) {
        endedOn = on;
        endedFor = reason;
    }

    protected void endCorrected(LocalDate on) {
        endedOn = on;
    }

    protected void startCorrected(LocalDate on) {
        startedOn = on;
    }

    protected void voided() {
        voided = true;
    }

    private void requireNotVoided() {
        if (voided) {
            throw RuleViolationException.conflict("placement-voided", null, "This placement was voided");
        }
    }

    private void requireNotBeforeStart(LocalDate on) {
        if (on.isBefore(startedOn)) {
            throw RuleViolationException.unprocessable("end-before-start", "endedOn", "The end cannot be before the start, " + startedOn);
        }
    }
}
