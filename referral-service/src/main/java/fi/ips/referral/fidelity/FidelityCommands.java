package fi.ips.referral.fidelity;

import fi.ips.events.Region;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/** The commands on a county's fidelity reviews (laatuarvioinnit), one aggregate a region. */
final class FidelityCommands {

    private FidelityCommands() {
    }

    /** The aggregate of a region's reviews: a colon, which no client id holds, keeps it apart from the clients. */
    static String reviewsOf(Region region) {
        return "fidelity:" + region.code();
    }

    /**
     * A review, new or changed; the same review again stores nothing.
     *
     * @param expectedRevision the revision the caller changes (0: none yet), or null for whichever
     */
    record RecordFidelityReviewCommand(@TargetAggregateIdentifier String reviewsId, Region region, LocalDate reviewedOn,
                                       int score, List<Integer> itemScores, Integer expectedRevision) {
    }

    /** The review was entered by mistake. */
    record VoidFidelityReviewCommand(@TargetAggregateIdentifier String reviewsId, LocalDate reviewedOn, LocalDate voidedOn,
                                     Integer expectedRevision) {
    }
}
