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
 * A fidelity review as the API shows it: its latest revision, and its scores as last recorded
 * (a voided review's too, so that whoever voided it by mistake sees what to record again).
 *
 * @param good whether the score is good fidelity (100 or more)
 */
record FidelityReviewView(String region, LocalDate reviewedOn, int revision, boolean voided, Integer score, Boolean good,
                          List<Integer> itemScores) {

    /** A region's reviews from its stored events, the latest day first. */
    static List<FidelityReviewView> of(List<? extends DomainEventMessage<?>> events) {
        Map<LocalDate, FidelityReviewView> latest = new LinkedHashMap<>();
        for (DomainEventMessage<?> message : events) {
            FidelityEvent event = (FidelityEvent) message.getPayload();
            FidelityReviewView before = latest.get(event.reviewedOn());
            latest.put(event.reviewedOn(), event instanceof FidelityReviewedEvent reviewed
                    ? new FidelityReviewView(reviewed.region().code(), reviewed.reviewedOn(), reviewed.revision(), false, reviewed.score(),
                    reviewed.score() >= FidelityReviewedEvent.GOOD_SCORE, reviewed.itemScores())
                    : before == null
                    ? new FidelityReviewView(event.region().code(), event.reviewedOn(), event.revision(), true, null, null, null)
                    : new FidelityReviewView(before.region(), before.reviewedOn(), event.revision(), true, before.score(), before.good(),
                    before.itemScores()));
        }
        return latest.values().stream().sorted(Comparator.comparing(FidelityReviewView::reviewedOn).reversed()).toList();
    }
}
