package fi.ips.referral.fidelity;

import fi.ips.events.FidelityReviewVoidedEvent;
import fi.ips.events.FidelityReviewedEvent;
import fi.ips.events.Region;
import fi.ips.referral.fidelity.FidelityCommands.RecordFidelityReviewCommand;
import fi.ips.referral.fidelity.FidelityCommands.VoidFidelityReviewCommand;
import fi.ips.support.problem.RuleViolationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

class FidelityReviewsTest {

    private static final Region REGION = Region.KESKI_POHJANMAA;
    private static final String ID = FidelityCommands.reviewsOf(REGION);
    private static final LocalDate MARCH = LocalDate.of(2024, 3, 14);
    private static final LocalDate APRIL = LocalDate.of(2024, 4, 2);
    private static final List<Integer> ITEMS = Collections.nCopies(25, 4);

    private AggregateTestFixture<FidelityReviews> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FidelityReviews.class);
    }

    @Test
    void aCountysFirstReviewIsItsFirstRevision() {
        fixture.givenNoPriorActivity()
                .when(new RecordFidelityReviewCommand(ID, REGION, MARCH, 108, null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FidelityReviewedEvent(REGION, MARCH, 1, 108, null));
    }

    @Test
    void theSameReviewAgainStoresNothing() {
        fixture.given(new FidelityReviewedEvent(REGION, MARCH, 1, 100, ITEMS))
                .when(new RecordFidelityReviewCommand(ID, REGION, MARCH, 100, ITEMS, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aChangedReviewIsItsNextRevisionAndAnotherDayIsAReviewOfItsOwn() {
        fixture.given(new FidelityReviewedEvent(REGION, MARCH, 1, 100, ITEMS))
                .when(new RecordFidelityReviewCommand(ID, REGION, MARCH, 100, null, null))
                .expectEvents(new FidelityReviewedEvent(REGION, MARCH, 2, 100, null));
        fixture.given(new FidelityReviewedEvent(REGION, MARCH, 1, 100, ITEMS))
                .when(new RecordFidelityReviewCommand(ID, REGION, APRIL, 95, null, null))
                .expectEvents(new FidelityReviewedEvent(REGION, APRIL, 1, 95, null));
    }

    @Test
    void voidingCountsOnInTheSameRevisionsAndOnlyOnce() {
        fixture.given(new FidelityReviewedEvent(REGION, MARCH, 1, 108, null), new FidelityReviewedEvent(REGION, MARCH, 2, 109, null))
                .when(new VoidFidelityReviewCommand(ID, MARCH, APRIL, null))
                .expectEvents(new FidelityReviewVoidedEvent(REGION, MARCH, 3, APRIL));
        fixture.given(new FidelityReviewedEvent(REGION, MARCH, 1, 108, null), new FidelityReviewVoidedEvent(REGION, MARCH, 2, APRIL))
                .when(new VoidFidelityReviewCommand(ID, MARCH, APRIL.plusDays(1), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aVoidedReviewRecordedAgainIsItsNextRevision() {
        fixture.given(new FidelityReviewedEvent(REGION, MARCH, 1, 108, null), new FidelityReviewVoidedEvent(REGION, MARCH, 2, APRIL))
                .when(new RecordFidelityReviewCommand(ID, REGION, MARCH, 108, null, null))
                .expectEvents(new FidelityReviewedEvent(REGION, MARCH, 3, 108, null));
    }

    /** If-Match: a change of the review as the caller read it, refused once another change came between. */
    @Test
    void aChangeOfAnOlderRevisionIsRefusedButTheSameReviewAgainIsNot() {
        fixture.given(new FidelityReviewedEvent(REGION, MARCH, 1, 100, null), new FidelityReviewedEvent(REGION, MARCH, 2, 104, null))
                .when(new RecordFidelityReviewCommand(ID, REGION, MARCH, 99, null, 1))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("revision 2, not 1"))
                .expectNoEvents();
        fixture.given(new FidelityReviewedEvent(REGION, MARCH, 1, 100, null), new FidelityReviewedEvent(REGION, MARCH, 2, 104, null))
                .when(new RecordFidelityReviewCommand(ID, REGION, MARCH, 104, null, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(new FidelityReviewedEvent(REGION, MARCH, 1, 100, null))
                .when(new RecordFidelityReviewCommand(ID, REGION, MARCH, 99, null, 1))
                .expectEvents(new FidelityReviewedEvent(REGION, MARCH, 2, 99, null));
        fixture.givenNoPriorActivity()
                .when(new RecordFidelityReviewCommand(ID, REGION, MARCH, 99, null, 0))
                .expectEvents(new FidelityReviewedEvent(REGION, MARCH, 1, 99, null));
        fixture.given(new FidelityReviewedEvent(REGION, MARCH, 1, 100, null), new FidelityReviewedEvent(REGION, MARCH, 2, 104, null))
                .when(new VoidFidelityReviewCommand(ID, MARCH, APRIL, 1))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void onlyANewDayIsCreated() {
        fixture.givenNoPriorActivity()
                .when(new RecordFidelityReviewCommand(ID, REGION, MARCH, 99, null, null))
                .expectResultMessagePayload(true);
        fixture.given(new FidelityReviewedEvent(REGION, MARCH, 1, 100, null), new FidelityReviewVoidedEvent(REGION, MARCH, 2, APRIL))
                .when(new RecordFidelityReviewCommand(ID, REGION, MARCH, 100, null, null))
                .expectResultMessagePayload(false);
    }

    @Test
    void aReviewThatWasNeverRecordedCannotBeVoided() {
        fixture.given(new FidelityReviewedEvent(REGION, MARCH, 1, 108, null))
                .when(new VoidFidelityReviewCommand(ID, APRIL, APRIL, null))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }
}
