package fi.ips.referral.enrolment;

import fi.ips.events.AgeGroup;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.Region;
import fi.ips.support.problem.RuleViolationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

class EnrolmentTest {

    private static final LocalDate MARCH_1 = LocalDate.of(2022, 3, 1);
    private static final ClientReferredEvent REFERRED = new ClientReferredEvent("c-1", Region.LAPPI, MARCH_1,
            ReferralSource.PSYCHIATRIC_OUTPATIENT_CARE, AgeGroup.AGE_25_34);

    private AggregateTestFixture<Enrolment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Enrolment.class);
    }

    @Test
    void referringANewClientCreatesTheEnrolment() {
        fixture.givenNoPriorActivity()
                .when(new ReferClientCommand("c-1", Region.LAPPI, MARCH_1, ReferralSource.PSYCHIATRIC_OUTPATIENT_CARE, AgeGroup.AGE_25_34))
                .expectSuccessfulHandlerExecution()
                .expectEvents(REFERRED);
    }

    @Test
    void theSameReferralAgainIsAnIdempotentSuccess() {
        fixture.given(REFERRED)
                .when(new ReferClientCommand("c-1", Region.LAPPI, MARCH_1, ReferralSource.PSYCHIATRIC_OUTPATIENT_CARE, AgeGroup.AGE_25_34))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDifferentReferralForAnExistingClientConflicts() {
        fixture.given(REFERRED)
                .when(new ReferClientCommand("c-1", Region.LAPPI, MARCH_1.plusDays(1), ReferralSource.SELF_REFERRAL, null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("This client id is already referred with different content")
                .expectNoEvents();
    }

    @Test
    void signingTheAgreementPutsTheClientOnTheCaseload() {
        fixture.given(REFERRED)
                .when(new SignAgreementCommand("c-1", MARCH_1.plusDays(10)))
                .expectEvents(new AgreementSignedEvent("c-1", Region.LAPPI, MARCH_1.plusDays(10)));
    }

    @Test
    void theAgreementIsSignedOnlyOnce() {
        fixture.given(REFERRED, new AgreementSignedEvent("c-1", Region.LAPPI, MARCH_1))
                .when(new SignAgreementCommand("c-1", MARCH_1.plusDays(1)))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void theAgreementCannotPrecedeTheReferral() {
        fixture.given(REFERRED)
                .when(new SignAgreementCommand("c-1", MARCH_1.minusDays(1)))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }
}
