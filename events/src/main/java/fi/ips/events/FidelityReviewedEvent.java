package fi.ips.events;

import org.jspecify.annotations.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * A fidelity review of a county's IPS service on the IPS-25 scale: 25 items scored 1–5, a total of
 * 25–125, of which 100 or more is good fidelity. A later event of the same review (a higher
 * {@link #revision()}) replaces this one.
 *
 * @param score      the total, 25–125
 * @param itemScores the 25 items' scores in the scale's order, each 1–5, summing to the score; null
 *                   when only the total was reported
 */
public record FidelityReviewedEvent(
        Region region,
        LocalDate reviewedOn,
        int revision,
        int score,
        @Nullable List<Integer> itemScores,
        int schemaVersion) implements FidelityEvent {

    /** The IPS-25 scale's number of items. */
    public static final int ITEMS = 25;
    /** The lowest total a review gives: every item at 1. */
    public static final int MIN_SCORE = ITEMS;
    /** The highest total: every item at 5. */
    public static final int MAX_SCORE = 5 * ITEMS;
    /** From this total on, fidelity is good (hyvä). */
    public static final int GOOD_SCORE = 100;

    public FidelityReviewedEvent {
        itemScores = itemScores == null ? null : List.copyOf(itemScores);
    }

    public FidelityReviewedEvent(Region region, LocalDate reviewedOn, int revision, int score, @Nullable List<Integer> itemScores) {
        this(region, reviewedOn, revision, score, itemScores, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return reviewedOn;
    }
}
