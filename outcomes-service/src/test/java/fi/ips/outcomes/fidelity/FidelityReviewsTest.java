package fi.ips.outcomes.fidelity;

import fi.ips.events.FidelityEvent;
import fi.ips.events.FidelityReviewVoidedEvent;
import fi.ips.events.FidelityReviewedEvent;
import fi.ips.events.Region;
import fi.ips.outcomes.OutcomesServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The fidelity reviews' read model on the embedded MongoDB wire server. */
@OutcomesServiceTest
@Import(FidelityReviewsTest.Announcements.class)
class FidelityReviewsTest {

    private static final LocalDate MARCH = LocalDate.of(2024, 3, 14);
    private static final LocalDate APRIL = LocalDate.of(2024, 4, 2);

    @Autowired
    FidelityReviews reviews;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Announcements announcements;

    @TestConfiguration
    static class Announcements {
        final List<String> regions = Collections.synchronizedList(new ArrayList<>());

        @EventListener
        void on(FidelityChanged change) {
            regions.add(change.region());
        }
    }

    @BeforeEach
    void empty() {
        mongo.dropCollection(FidelityReviews.COLLECTION);
        announcements.regions.clear();
    }

    @Test
    void theHighestRevisionStandsWhateverTheOrderOfArrivalAndHowOftenAnEventComes() {
        List<FidelityEvent> history = List.of(
                new FidelityReviewedEvent(Region.KESKI_POHJANMAA, MARCH, 1, 100, null),
                new FidelityReviewedEvent(Region.KESKI_POHJANMAA, MARCH, 2, 108, null),
                new FidelityReviewedEvent(Region.KESKI_POHJANMAA, APRIL, 1, 90, null),
                new FidelityReviewVoidedEvent(Region.KESKI_POHJANMAA, APRIL, 2, APRIL.plusDays(3)),
                new FidelityReviewedEvent(Region.LAPPI, MARCH, 1, 75, Collections.nCopies(25, 3)));
        Random random = new Random(7);
        for (int run = 0; run < 10; run++) {
            mongo.dropCollection(FidelityReviews.COLLECTION);
            List<FidelityEvent> arrivals = new ArrayList<>(history);
            arrivals.addAll(history.subList(0, 1 + random.nextInt(history.size())));
            Collections.shuffle(arrivals, random);
            arrivals.forEach(event -> reviews.recordAll(List.of(event)));

            assertThat(reviews.asOf(LocalDate.of(2025, 1, 1))).as("arrivals %s", arrivals).containsExactly(
                    new FidelityReviews.Review(Region.KESKI_POHJANMAA, MARCH, 108, null),
                    new FidelityReviews.Review(Region.LAPPI, MARCH, 75, Collections.nCopies(25, 3)));
        }
    }

    /** A replay writes a review's revision again: a document an earlier version of the code wrote wrong is mended. */
    @Test
    void theSameRevisionAgainMendsTheDocument() {
        FidelityReviewedEvent march = new FidelityReviewedEvent(Region.LAPPI, MARCH, 2, 75, null);
        reviews.recordAll(List.of(march));
        mongo.getCollection(FidelityReviews.COLLECTION).updateOne(new org.bson.Document("_id", "21/" + MARCH),
                new org.bson.Document("$set", new org.bson.Document("score", 57)));
        assertThat(reviews.asOf(MARCH)).extracting(FidelityReviews.Review::score).containsExactly(57);

        reviews.recordAll(List.of(march));
        assertThat(reviews.asOf(MARCH)).extracting(FidelityReviews.Review::score).containsExactly(75);
        assertThat(announcements.regions).containsExactly("21", "21");
    }

    @Test
    void onlyReviewsMadeByTheDayCount() {
        reviews.recordAll(List.of(new FidelityReviewedEvent(Region.LAPPI, MARCH, 1, 75, null),
                new FidelityReviewedEvent(Region.LAPPI, APRIL, 1, 101, null)));

        assertThat(reviews.asOf(APRIL.minusDays(1))).extracting(FidelityReviews.Review::reviewedOn).containsExactly(MARCH);
        assertThat(reviews.asOf(APRIL)).extracting(FidelityReviews.Review::reviewedOn).containsExactly(APRIL, MARCH);
        assertThat(reviews.asOf(MARCH.minusDays(1))).isEmpty();
    }

    @Test
    void aRegionIsAnnouncedOnceAPollAndNotForWhatItHadAlready() {
        FidelityReviewedEvent march = new FidelityReviewedEvent(Region.LAPPI, MARCH, 1, 75, null);
        reviews.recordAll(List.of(march, new FidelityReviewedEvent(Region.LAPPI, APRIL, 1, 101, null),
                new FidelityReviewedEvent(Region.KAINUU, MARCH, 1, 99, null)));
        assertThat(announcements.regions).containsExactly("21", "20");

        announcements.regions.clear();
        reviews.recordAll(List.of(march));
        assertThat(announcements.regions).isEmpty();
    }
}
