package fi.ips.referral.fidelity;

import fi.ips.events.FidelityReviewVoidedEvent;
import fi.ips.events.FidelityReviewedEvent;
import fi.ips.events.Region;
import fi.ips.referral.fidelity.FidelityCommands.RecordFidelityReviewCommand;
import fi.ips.referral.fidelity.FidelityCommands.VoidFidelityReviewCommand;
import fi.ips.support.problem.RuleViolationException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.http.HttpStatus;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A county's fidelity reviews, event-sourced, one aggregate a region: a review is known by its day,
 * and each change of it raises its revision, so that consumers can keep the latest whatever order
 * they receive the events in. The same review again stores nothing.
 */
@Aggregate
class FidelityReviews {

    @AggregateIdentifier
    private String reviewsId;
    private Region region;
    /** Each review's latest revision and, unless voided, its scores. */
    private final Map<LocalDate, Review> reviews = new HashMap<>();

    private record Review(int revision, boolean voided, int score, List<Integer> itemScores) {
    }

    FidelityReviews() {
        // for Axon
    }

    /** @return whether the day had no review before */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(RecordFidelityReviewCommand command) {
        Review current = reviews.get(command.reviewedOn());
        if (current != null && !current.voided() && current.score() == command.score()
                && Objects.equals(current.itemScores(), command.itemScores())) {
            return false;
        }
        requireRevision(command.expectedRevision(), current);
        apply(new FidelityReviewedEvent(command.region(), command.reviewedOn(), current == null ? 1 : current.revision() + 1,
                command.score(), command.itemScores()));
        return current == null;
    }

    @CommandHandler
    void handle(VoidFidelityReviewCommand command) {
        Review current = reviews.get(command.reviewedOn());
        if (current == null) {
            throw RuleViolationException.notFound("No fidelity review of this region on " + command.reviewedOn());
        }
        if (!current.voided()) {
            requireRevision(command.expectedRevision(), current);
            apply(new FidelityReviewVoidedEvent(region, command.reviewedOn(), current.revision() + 1, command.voidedOn()));
        }
    }

    /**
     * A change made on what the caller read ({@code If-Match}) is refused when the review has changed
     * since: a late retry of an old change would otherwise undo a newer one. The same review again
     * is no change, and succeeds whatever revision it names.
     */
    private static void requireRevision(Integer expected, Review current) {
        int revision = current == null ? 0 : current.revision();
        if (expected != null && expected != revision) {
            throw new RuleViolationException(HttpStatus.PRECONDITION_FAILED, "revision-changed", "If-Match",
                    "The review is at revision " + revision + ", not " + expected + ": read it again and decide on the change");
        }
    }

    @EventSourcingHandler
    void on(FidelityReviewedEvent event) {
        reviewsId = FidelityCommands.reviewsOf(event.region());
        region = event.region();
        reviews.put(event.reviewedOn(), new Review(event.revision(), false, event.score(), event.itemScores()));
    }

    @EventSourcingHandler
    void on(FidelityReviewVoidedEvent event) {
        reviews.put(event.reviewedOn(), new Review(event.revision(), true, 0, null));
    }
}
