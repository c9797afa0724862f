package fi.ips.referral.fidelity;

import fi.ips.events.FidelityEvent;
import fi.ips.events.FidelityReviewedEvent;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fidelity review as the API shows it: its latest revision, voided or with its scores.
 *
 * @param good whether the score is good fidelity (100 or more); null for a voided review
 */
record FidelityReviewView(String region, LocalDate reviewedOn, int revision, boolean voided, Integer score, Boolean good,
                          List<Integer> itemScores) {

    /** A region's reviews from its stored events, the latest day first. */
    static List<FidelityReviewView> of(List<? extends DomainEventMessage<?>> events) {
        Map<LocalDate, FidelityReviewView> latest = new LinkedHashMap<>();
        for (DomainEventMessage<?> message : events) {
            FidelityEvent event = (FidelityEvent) message.getPayload();
            latest.put(event.reviewedOn(), event instanceof FidelityReviewedEvent reviewed
                    ? new FidelityReviewView(reviewed.region().code(), reviewed.reviewedOn(), reviewed.revision(), false, reviewed.score(),
                    reviewed.score() >= FidelityReviewedEvent.GOOD_SCORE, reviewed.itemScores())
                    : new FidelityReviewView(event.region().code(), event.reviewedOn(), event.revision(), true, null, null, null));
        }
        return latest.values().stream().sorted(Comparator.comparing(FidelityReviewView::reviewedOn).reversed()).toList();
    }
}
