package fi.ips.placement.job;

import fi.ips.events.EmployerSector;
import fi.ips.events.JobEndDateCorrectedEvent;
import fi.ips.events.JobEndReason;
import fi.ips.events.JobEndedEvent;
import fi.ips.events.JobStartDateCorrectedEvent;
import fi.ips.events.JobStartedEvent;
import fi.ips.events.JobType;
import fi.ips.events.JobVoidedEvent;
import fi.ips.events.Region;
import fi.ips.placement.job.JobCommands.CorrectJobEndCommand;
import fi.ips.placement.job.JobCommands.CorrectJobStartCommand;
import fi.ips.placement.job.JobCommands.EndJobCommand;
import fi.ips.placement.job.JobCommands.StartJobCommand;
import fi.ips.placement.job.JobCommands.VoidJobCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static fi.ips.testsupport.BrokenRules.refused;

/** The rules of a job; study placements share them (PlacementLifecycle) and have a test of their own events. */
class JobTest {

    private static final LocalDate MAY_2 = LocalDate.of(2022, 5, 2);
    private static final JobStartedEvent STARTED = new JobStartedEvent("j-1", "c-1", Region.LAPPI, MAY_2,
            JobType.PAID_OPEN_MARKET, 20, EmployerSector.PRIVATE, 5, false, true);
    private static final JobEndedEvent ENDED = new JobEndedEvent("j-1", "c-1", Region.LAPPI, MAY_2.plusDays(90), JobEndReason.CONTRACT_ENDED);

    private AggregateTestFixture<Job> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Job.class);
    }

    @Test
    void aJobStarts() {
        fixture.givenNoPriorActivity()
                .when(new StartJobCommand("j-1", "c-1", Region.LAPPI, MAY_2, JobType.PAID_OPEN_MARKET, 20, EmployerSector.PRIVATE, 5, false, true))
                .expectEvents(STARTED);
    }

    @Test
    void theSameStartAgainStoresNothingAndADifferentOneConflicts() {
        fixture.given(STARTED)
                .when(new StartJobCommand("j-1", "c-1", Region.LAPPI, MAY_2, JobType.PAID_OPEN_MARKET, 20, EmployerSector.PRIVATE, 5, false, true))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        refused(fixture.given(STARTED)
                .when(new StartJobCommand("j-1", "c-1", Region.LAPPI, MAY_2, JobType.WORK_TRIAL, null, null, null, false, null)),
                "placement-already-exists", 409);
    }

    @Test
    void theSameIdStartedInAnotherRegionIsAnotherPlacementAndConflicts() {
        refused(fixture.given(STARTED)
                .when(new StartJobCommand("j-1", "c-9", Region.KAINUU, MAY_2, JobType.PAID_OPEN_MARKET, 20, EmployerSector.PRIVATE, 5, false, true)),
                "placement-id-used-in-another-region", 409);
    }

    @Test
    void aJobEndsOnceAndNotBeforeItStarted() {
        fixture.given(STARTED).when(new EndJobCommand("j-1", ENDED.endedOn(), JobEndReason.CONTRACT_ENDED)).expectEvents(ENDED);
        fixture.given(STARTED, ENDED).when(new EndJobCommand("j-1", ENDED.endedOn(), JobEndReason.CONTRACT_ENDED))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        refused(fixture.given(STARTED, ENDED).when(new EndJobCommand("j-1", ENDED.endedOn().plusDays(1), JobEndReason.RESIGNED)),
                "already-ended", 409);
        // The same day with another reason is no repeat: it would be answered as stored and store nothing.
        refused(fixture.given(STARTED, ENDED).when(new EndJobCommand("j-1", ENDED.endedOn(), JobEndReason.RESIGNED)), "already-ended", 409);
        refused(fixture.given(STARTED).when(new EndJobCommand("j-1", MAY_2.minusDays(1), JobEndReason.RESIGNED)), "end-before-start", 422);
    }

    @Test
    void aJobEnteredByMistakeIsVoidedOnceAndTakesNoMoreCommands() {
        var voided = new JobVoidedEvent("j-1", "c-1", Region.LAPPI, MAY_2.plusDays(3));
        fixture.given(STARTED).when(new VoidJobCommand("j-1", MAY_2.plusDays(3))).expectEvents(voided);
        fixture.given(STARTED, voided).when(new VoidJobCommand("j-1", MAY_2.plusDays(4))).expectSuccessfulHandlerExecution().expectNoEvents();
        refused(fixture.given(STARTED, voided).when(new EndJobCommand("j-1", MAY_2.plusDays(5), JobEndReason.OTHER)), "placement-voided", 409);
    }

    @Test
    void datesAreCorrectedByEventsOfTheirOwnAndKeepTheirOrder() {
        fixture.given(STARTED).when(new CorrectJobStartCommand("j-1", MAY_2.minusDays(2)))
                .expectEvents(new JobStartDateCorrectedEvent("j-1", "c-1", Region.LAPPI, MAY_2.minusDays(2)));
        fixture.given(STARTED, ENDED).when(new CorrectJobEndCommand("j-1", MAY_2.plusDays(80)))
                .expectEvents(new JobEndDateCorrectedEvent("j-1", "c-1", Region.LAPPI, MAY_2.plusDays(80)));
        fixture.given(STARTED).when(new CorrectJobStartCommand("j-1", MAY_2)).expectSuccessfulHandlerExecution().expectNoEvents();
        refused(fixture.given(STARTED, ENDED).when(new CorrectJobStartCommand("j-1", ENDED.endedOn().plusDays(1))), "start-after-end", 422);
        refused(fixture.given(STARTED, ENDED).when(new CorrectJobEndCommand("j-1", MAY_2.minusDays(1))), "end-before-start", 422);
        refused(fixture.given(STARTED).when(new CorrectJobEndCommand("j-1", MAY_2.plusDays(1))), "not-ended", 409);
        refused(fixture.given(STARTED, new JobStartDateCorrectedEvent("j-1", "c-1", Region.LAPPI, MAY_2.plusDays(10)))
                .when(new EndJobCommand("j-1", MAY_2.plusDays(5), JobEndReason.OTHER)), "end-before-start", 422);
    }
}
