package fi.ips.events;

import java.time.LocalDate;

/**
 * An event of a county's fidelity reviews (laatuarviointi), published on {@link Topics#FIDELITY}:
 * how closely its IPS service follows the model, on the IPS-25 scale. A review is known by its
 * region and the day it was made; it is about the service, not about any client.
 */
public sealed interface FidelityEvent extends IpsEvent permits FidelityReviewedEvent, FidelityReviewVoidedEvent {

    /** The day the review was made: with the region, the review's identity. */
    LocalDate reviewedOn();

    /**
     * The review's version: 1 for its first record, one more for each change or voiding after it.
     * Of a review's events, the one with the highest revision says how it stands, whatever order
     * they were received in.
     */
    int revision();

    /** The region: a county's reviews keep their order. */
    @Override
    default String subject() {
        return region().code();
    }
}
