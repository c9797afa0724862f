package fi.ips.outcomes.fidelity;

import com.mongodb.client.result.UpdateResult;
import fi.ips.events.EventType;
import fi.ips.events.FidelityEvent;
import fi.ips.events.FidelityReviewedEvent;
import fi.ips.events.Region;
import io.micrometer.core.instrument.MeterRegistry;
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
 * at its highest revision received: an event of a lower revision changes nothing, so re-deliveries,
 * a rebuild's replay beside the live projection and any order of arrival give the same documents.
 * An event of the revision stored is written again, so that a replay also mends a document that
 * an earlier version of this code wrote wrong. A handful of reviews a county a year: read whole.
 */
@Component
public class FidelityReviews {

    static final String COLLECTION = "fidelity_reviews";

    /** A review as it stands, not voided. */
    record Review(Region region, LocalDate reviewedOn, int score, List<Integer> itemScores) {
    }

    private final MongoTemplate mongo;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;

    FidelityReviews(MongoTemplate mongo, ApplicationEventPublisher events, MeterRegistry meters) {
        this.mongo = mongo;
        this.events = events;
        this.meters = meters;
    }

    /** Records the events of a poll or of a replay; each region whose reviews changed is announced once. */
    public void recordAll(List<FidelityEvent> received) {
        Set<String> changed = new LinkedHashSet<>();
        for (FidelityEvent event : received) {
            if (record(event)) {
                changed.add(event.region().code());
            }
            meters.counter("ips.outcomes.events", "type", EventType.of(event).ceType()).increment();
        }
        changed.forEach(region -> events.publishEvent(new FidelityChanged(region)));
    }

    /** @return whether the stored review changed */
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
        Query notLater = new Query(Criteria.where("_id").is(event.region().code() + "/" + event.reviewedOn())
                .and("revision").lte(event.revision()));
        UpdateResult result;
        try {
            result = mongo.upsert(notLater, update, COLLECTION);
        } catch (DuplicateKeyException storedMeanwhileOrLater) {
            // Stored by another writer since the query found none (the rebuild beside the live projection):
            // that one may be of a lower revision, so the update is made again, on the document there now.
            result = mongo.updateFirst(notLater, update, COLLECTION);
        }
        return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
    }

    /** Every region's reviews made on or before the day, voided ones left out, the latest first. */
    List<Review> asOf(LocalDate day) {
        return mongo.find(new Query(Criteria.where("voided").is(false)), Document.class, COLLECTION).stream()
                .map(FidelityReviews::review)
                .filter(review -> !review.reviewedOn().isAfter(day))
                .sorted(Comparator.comparing(Review::reviewedOn).reversed().thenComparing(Review::region))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Review review(Document stored) {
        return new Review(Region.ofCode(stored.getString("region")), LocalDate.parse(stored.getString("reviewedOn")),
                stored.getInteger("score"), (List<Integer>) stored.get("itemScores"));
    }
}
