package fi.ips.outcomes.fidelity;

import fi.ips.events.FidelityReviewedEvent;
import fi.ips.events.Region;
import fi.ips.outcomes.AsOf;
import fi.ips.support.security.Caller;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counties' fidelity reviews (IPS-25) beside their outcomes: the coordinator reads every
 * region's, a county its own.
 */
@RestController
class FidelityController {

    private final FidelityReviews reviews;
    private final Clock clock;

    FidelityController(FidelityReviews reviews, Clock clock) {
        this.reviews = reviews;
        this.clock = clock;
    }

    /** A review as the figures show it; {@code good} is a score of 100 or more. */
    record Review(LocalDate reviewedOn, int score, boolean good, List<Integer> itemScores) {
    }

    /** A region's reviews, the latest first. */
    record RegionFidelity(String region, String name, List<Review> reviews) {
    }

    record Fidelity(LocalDate asOf, int goodScore, List<RegionFidelity> regions) {
    }

    /** The reviews made on or before {@code asOf} (today by default) of every region the caller may read that has any. */
    @GetMapping("/api/v1/outcomes/fidelity")
    @PreAuthorize("hasAnyRole('COUNTY', 'COORDINATOR')")
    Fidelity fidelity(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        LocalDate day = AsOf.orToday(asOf, clock);
        Caller caller = Caller.current();
        Map<Region, List<Review>> byRegion = new LinkedHashMap<>();
        for (FidelityReviews.Review review : reviews.asOf(day)) {
            if (caller.mayRead(review.region())) {
                byRegion.computeIfAbsent(review.region(), region -> new ArrayList<>()).add(new Review(review.reviewedOn(),
                        review.score(), review.score() >= FidelityReviewedEvent.GOOD_SCORE, review.itemScores()));
            }
        }
        return new Fidelity(day, FidelityReviewedEvent.GOOD_SCORE, byRegion.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> new RegionFidelity(entry.getKey().code(), entry.getKey().nameFi(), entry.getValue()))
                .toList());
    }
}
