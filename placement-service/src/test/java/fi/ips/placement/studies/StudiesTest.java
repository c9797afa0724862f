package fi.ips.placement.studies;

import fi.ips.events.Region;
import fi.ips.events.StudiesEndReason;
import fi.ips.events.StudiesEndedEvent;
import fi.ips.events.StudiesStartedEvent;
import fi.ips.events.StudiesVoidedEvent;
import fi.ips.events.StudyLevel;
import fi.ips.placement.studies.StudiesCommands.EndStudiesCommand;
import fi.ips.placement.studies.StudiesCommands.StartStudiesCommand;
import fi.ips.placement.studies.StudiesCommands.VoidStudiesCommand;
import fi.ips.support.problem.RuleViolationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

/** Studies follow the same lifecycle rules as jobs (see JobTest); here their own events. */
class StudiesTest {

    private static final LocalDate AUG_15 = LocalDate.of(2022, 8, 15);
    private static final StudiesStartedEvent STARTED = new StudiesStartedEvent("s-1", "c-1", Region.HELSINKI, AUG_15, StudyLevel.VOCATIONAL);

    private final AggregateTestFixture<Studies> fixture = new AggregateTestFixture<>(Studies.class);

    @Test
    void studiesStartEndAndAreVoided() {
        fixture.givenNoPriorActivity().when(new StartStudiesCommand("s-1", "c-1", Region.HELSINKI, AUG_15, StudyLevel.VOCATIONAL))
                .expectEvents(STARTED);
        fixture.given(STARTED).when(new EndStudiesCommand("s-1", AUG_15.plusMonths(10), StudiesEndReason.COMPLETED))
                .expectEvents(new StudiesEndedEvent("s-1", "c-1", Region.HELSINKI, AUG_15.plusMonths(10), StudiesEndReason.COMPLETED));
        fixture.given(STARTED).when(new VoidStudiesCommand("s-1", AUG_15.plusDays(1)))
                .expectEvents(new StudiesVoidedEvent("s-1", "c-1", Region.HELSINKI, AUG_15.plusDays(1)));
    }

    @Test
    void studiesEndNotBeforeTheyStarted() {
        fixture.given(STARTED).when(new EndStudiesCommand("s-1", AUG_15.minusDays(1), StudiesEndReason.INTERRUPTED))
                .expectNoEvents().expectException(RuleViolationException.class);
    }
}
