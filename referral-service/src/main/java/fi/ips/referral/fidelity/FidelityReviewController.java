package fi.ips.referral.fidelity;

import fi.ips.events.FidelityReviewedEvent;
import fi.ips.events.Region;
import fi.ips.referral.fidelity.FidelityCommands.RecordFidelityReviewCommand;
import fi.ips.referral.fidelity.FidelityCommands.VoidFidelityReviewCommand;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.support.security.Caller;
import fi.ips.support.validation.EventDateRules;
import fi.ips.support.validation.RegionCodes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A county's fidelity reviews on the IPS-25 scale (laatuarviointi): recorded by the county for its
 * own region, as a review is known by its region and day; read by the county and the coordinator.
 */
@RestController
@RequestMapping("/api/v1/fidelity-reviews/{region}")
class FidelityReviewController {

    private static final String COUNTY = "hasRole('COUNTY')";
    private static final String READER = "hasAnyRole('COUNTY', 'COORDINATOR')";
    private static final Pattern ETAG = Pattern.compile("\"(\\d{1,9})\"");

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final EventDateRules dates;
    private final Clock clock;

    FidelityReviewController(CommandGateway commands, EventStore eventStore, EventDateRules dates, Clock clock) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.dates = dates;
        this.clock = clock;
    }

    /**
     * @param score      the total, 25–125
     * @param itemScores the 25 items' scores (1–5) in the scale's order, or none when only the total is known
     */
    record FidelityReviewRequest(
            @NotNull @Min(FidelityReviewedEvent.MIN_SCORE) @Max(FidelityReviewedEvent.MAX_SCORE) Integer score,
            List<Integer> itemScores) {
    }

    record RegionReviews(String region, List<FidelityReviewView> reviews) {
    }

    /**
     * Records the review of the day (201), or changes it (200), the whole of it: the same review
     * again stores nothing. With {@code If-Match} (the {@code ETag} of a review read, its revision),
     * only the review as read is changed. The items are checked by hand, their number first: a
     * list of a million scores is refused as one problem, not a million.
     */
    @PutMapping("/{reviewedOn}")
    @PreAuthorize(COUNTY)
    ResponseEntity<FidelityReviewView> record(@PathVariable String region, @PathVariable @DateTimeFormat(iso = ISO.DATE) LocalDate reviewedOn,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @Valid @RequestBody FidelityReviewRequest request) {
        Region writable = writable(region);
        List<Integer> items = request.itemScores();
        if (items != null) {
            if (items.size() != FidelityReviewedEvent.ITEMS) {
                throw RuleViolationException.unprocessable("fidelity-item-count", "itemScores",
                        "itemScores must hold all " + FidelityReviewedEvent.ITEMS + " items of the IPS-25 scale, or be left out");
            }
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) == null || items.get(i) < 1 || items.get(i) > 5) {
                    throw RuleViolationException.unprocessable("fidelity-item-score", "itemScores[" + i + "]",
                            "each of itemScores must be a score from 1 to 5");
                }
            }
            int sum = items.stream().mapToInt(Integer::intValue).sum();
            if (sum != request.score()) {
                throw RuleViolationException.unprocessable("fidelity-score-sum", "score", "score must be the sum of itemScores (" + sum + ")");
            }
        }
        boolean created = commands.sendAndWait(new RecordFidelityReviewCommand(FidelityCommands.reviewsOf(writable), writable,
                dates.check("reviewedOn", reviewedOn), request.score(), items, revision(ifMatch)));
        return tagged(created ? HttpStatus.CREATED : HttpStatus.OK, review(writable, reviewedOn));
    }

    @GetMapping("/{reviewedOn}")
    @PreAuthorize(READER)
    ResponseEntity<FidelityReviewView> get(@PathVariable String region, @PathVariable @DateTimeFormat(iso = ISO.DATE) LocalDate reviewedOn) {
        Region readable = RegionCodes.parse("region", region);
        Caller.current().requireReadableRegion(readable);
        return tagged(HttpStatus.OK, review(readable, reviewedOn));
    }

    /** The review was entered by mistake: it then counts nowhere. */
    @DeleteMapping("/{reviewedOn}")
    @PreAuthorize(COUNTY)
    ResponseEntity<FidelityReviewView> voidReview(@PathVariable String region, @PathVariable @DateTimeFormat(iso = ISO.DATE) LocalDate reviewedOn,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Region writable = writable(region);
        commands.sendAndWait(new VoidFidelityReviewCommand(FidelityCommands.reviewsOf(writable), reviewedOn, LocalDate.now(clock),
                revision(ifMatch)));
        return tagged(HttpStatus.OK, review(writable, reviewedOn));
    }

    /** The region's reviews, the latest day first, voided ones too (marked). */
    @GetMapping
    @PreAuthorize(READER)
    RegionReviews reviews(@PathVariable String region) {
        Region readable = RegionCodes.parse("region", region);
        Caller.current().requireReadableRegion(readable);
        return new RegionReviews(readable.code(), reviewsOf(readable));
    }

    /** A review's ETag is its revision: what {@code If-Match} names. */
    private static ResponseEntity<FidelityReviewView> tagged(HttpStatus status, FidelityReviewView review) {
        return ResponseEntity.status(status).eTag(Integer.toString(review.revision())).body(review);
    }

    /** The revision an {@code If-Match} names ({@code "3"}), or null without one. */
    private static Integer revision(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        Matcher revision = ETAG.matcher(ifMatch.trim());
        if (!revision.matches()) {
            throw new RuleViolationException(HttpStatus.BAD_REQUEST, "if-match-format", "If-Match",
                    "If-Match must be the ETag of the review as read, e.g. \"3\" (its revision)");
        }
        return Integer.valueOf(revision.group(1));
    }

    private static Region writable(String code) {
        Region region = RegionCodes.parse("region", code);
        Caller.current().requireOwnRegion(region);
        return region;
    }

    private FidelityReviewView review(Region region, LocalDate reviewedOn) {
        return reviewsOf(region).stream().filter(review -> review.reviewedOn().equals(reviewedOn)).findFirst()
                .orElseThrow(() -> RuleViolationException.notFound("No fidelity review of this region on " + reviewedOn));
    }

    private List<FidelityReviewView> reviewsOf(Region region) {
        return FidelityReviewView.of(eventStore.readEvents(FidelityCommands.reviewsOf(region)).asStream().toList());
    }
}
