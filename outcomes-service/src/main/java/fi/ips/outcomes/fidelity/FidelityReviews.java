package fi.ips.outcomes.fidelity;

import fi.ips.events.FidelityEvent;
import fi.ips.events.FidelityReviewedEvent;
import fi.ips.events.Region;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The counties' fidelity reviews, one MongoDB document a review ({@code fidelity_reviews}), each
 * at its highest revision received: an event of a lower or the same revision changes nothing, so
 * re-deliveries, a rebuild's replay beside the live projection and any order of arrival give the
 * same documents. A handful of reviews a county a year: read whole.
 */
@Component
public class FidelityReviews {

    static final String COLLECTION = "fidelity_reviews";

    /** A review as it stands. */
    public record Review(Region region, LocalDate reviewedOn, int revision, boolean voided, Integer score, List<Integer> itemScores) {
    }

    private final MongoTemplate mongo;
    private final ApplicationEventPublisher events;

    FidelityReviews(MongoTemplate mongo, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.events = events;
    }

    /** Records the events of a poll or of a replay; each region whose reviews changed is announced once. */
    public void recordAll(List<FidelityEvent> received) {
        Set<String> changed = new LinkedHashSet<>();
        for (FidelityEvent event : received) {
            if (record(event)) {
                changed.add(event.region().code());
            }
        }
        changed.forEach(region -> events.publishEvent(new FidelityChanged(region)));
    }

    /** @return whether the event was later than what was stored */
    private boolean record(FidelityEvent event) {
        Update update = new Update()
                .set("region", event.region().code())
                .set("reviewedOn", event.reviewedOn().toString())
                .set("revision", event.revision());
        if (event instanceof FidelityReviewedEvent reviewed) {
            update.set("voided", false).set("score", reviewed.score()).set("itemScores", reviewed.itemScores());
        } else {
            update.set("voided", true).unset("score").unset("itemScores");
        }
        Query earlier = new Query(Criteria.where("_id").is(event.region().code() + "/" + event.reviewedOn())
                .and("revision").lt(event.revision()));
        try {
            UpdateResult result = mongo.upsert(earlier, update, COLLECTION);
            return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException sameOrLaterStored) {
            return false;
        }
    }

    /** Every region's reviews made on or before the day, voided ones left out, the latest first. */
    public List<Review> asOf(LocalDate day) {
        return mongo.find(new Query(Criteria.where("voided").is(false)), Document.class, COLLECTION).stream()
                .map(FidelityReviews::review)
                .filter(review -> !review.reviewedOn().isAfter(day))
                .sorted(Comparator.comparing(Review::reviewedOn).reversed().thenComparing(Review::region))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Review review(Document stored) {
        return new Review(Region.ofCode(stored.getString("region")), LocalDate.parse(stored.getString("reviewedOn")),
                stored.getInteger("revision"), stored.getBoolean("voided"), stored.getInteger("score"),
                (List<Integer>) stored.get("itemScores"));
    }
}
