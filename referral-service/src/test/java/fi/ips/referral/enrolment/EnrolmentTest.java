package fi.ips.referral.enrolment;

import fi.ips.events.AgeGroup;
import fi.ips.events.AgreementDateCorrectedEvent;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.DeclineReason;
import fi.ips.events.ReferralDateCorrectedEvent;
import fi.ips.events.ReferralDeclinedEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.ReferralVoidedEvent;
import fi.ips.events.ReferralWithdrawnEvent;
import fi.ips.events.Region;
import fi.ips.events.ServiceEndDateCorrectedEvent;
import fi.ips.events.ServiceEndReason;
import fi.ips.events.ServiceEndedEvent;
import fi.ips.referral.enrolment.EnrolmentCommands.CorrectAgreementDateCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.CorrectEndDateCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.CorrectReferralDateCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.DeclineReferralCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.EndServiceCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.SignAgreementCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.VoidReferralCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.WithdrawReferralCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static fi.ips.testsupport.BrokenRules.refused;


class EnrolmentTest {

    private static final LocalDate MARCH_1 = LocalDate.of(2022, 3, 1);
    private static final ClientReferredEvent REFERRED = new ClientReferredEvent("c-1", Region.LAPPI, MARCH_1,
            ReferralSource.PSYCHIATRIC_OUTPATIENT_CARE, AgeGroup.AGE_25_34);
    private static final AgreementSignedEvent SIGNED = new AgreementSignedEvent("c-1", Region.LAPPI, MARCH_1.plusDays(10));
    private static final ServiceEndedEvent ENDED = new ServiceEndedEvent("c-1", Region.LAPPI, MARCH_1.plusDays(100),
            ServiceEndReason.GOAL_ACHIEVED);

    private AggregateTestFixture<Enrolment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Enrolment.class);
    }

    @Nested
    class Referral {

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
            refused(fixture.given(REFERRED)
                    .when(new ReferClientCommand("c-1", Region.LAPPI, MARCH_1.plusDays(1), ReferralSource.SELF_REFERRAL, null)),
                    "client-already-referred", 409);
        }

        @Test
        void theSameIdReferredInAnotherRegionIsAnotherClientsAndConflicts() {
            refused(fixture.given(REFERRED)
                    .when(new ReferClientCommand("c-1", Region.KAINUU, MARCH_1, ReferralSource.PSYCHIATRIC_OUTPATIENT_CARE, AgeGroup.AGE_25_34)),
                    "client-id-used-in-another-region", 409);
        }

        @Test
        void anOpenReferralCanBeDeclinedOrWithdrawn() {
            fixture.given(REFERRED)
                    .when(new DeclineReferralCommand("c-1", MARCH_1.plusDays(2), DeclineReason.NO_MOTIVATION_TO_WORK))
                    .expectEvents(new ReferralDeclinedEvent("c-1", Region.LAPPI, MARCH_1.plusDays(2), DeclineReason.NO_MOTIVATION_TO_WORK));
            fixture.given(REFERRED)
                    .when(new WithdrawReferralCommand("c-1", MARCH_1.plusDays(3)))
                    .expectEvents(new ReferralWithdrawnEvent("c-1", Region.LAPPI, MARCH_1.plusDays(3)));
        }

        @Test
        void aDeclineRepeatedIsIdempotentButAClosedReferralCannotBeClosedAgain() {
            var declined = new ReferralDeclinedEvent("c-1", Region.LAPPI, MARCH_1.plusDays(2), DeclineReason.OTHER);
            fixture.given(REFERRED, declined)
                    .when(new DeclineReferralCommand("c-1", MARCH_1.plusDays(2), DeclineReason.OTHER))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            // The same day with another reason is no repeat: it would be answered as stored and store nothing.
            refused(fixture.given(REFERRED, declined).when(new DeclineReferralCommand("c-1", MARCH_1.plusDays(2), DeclineReason.SERVICE_FULL)),
                    "referral-not-open", 409);
            refused(fixture.given(REFERRED, declined).when(new WithdrawReferralCommand("c-1", MARCH_1.plusDays(3))),
                    "referral-not-open", 409);
            refused(fixture.given(REFERRED, SIGNED).when(new DeclineReferralCommand("c-1", MARCH_1.plusDays(20), DeclineReason.OTHER)),
                    "referral-not-open", 409);
        }

        @Test
        void aReferralCannotBeClosedBeforeItWasMade() {
            refused(fixture.given(REFERRED).when(new DeclineReferralCommand("c-1", MARCH_1.minusDays(1), DeclineReason.OTHER)),
                    "decline-before-referral", 422);
            refused(fixture.given(REFERRED).when(new WithdrawReferralCommand("c-1", MARCH_1.minusDays(1))),
                    "withdrawal-before-referral", 422);
        }
    }

    @Nested
    class Agreement {

        @Test
        void signingTheAgreementPutsTheClientOnTheCaseload() {
            fixture.given(REFERRED)
                    .when(new SignAgreementCommand("c-1", MARCH_1.plusDays(10)))
                    .expectEvents(SIGNED);
        }

        @Test
        void theAgreementIsSignedOnlyOnceButTheSameSubmissionAgainIsASuccess() {
            fixture.given(REFERRED, SIGNED).when(new SignAgreementCommand("c-1", SIGNED.signedOn()))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            refused(fixture.given(REFERRED, SIGNED).when(new SignAgreementCommand("c-1", MARCH_1.plusDays(11))),
                    "agreement-already-signed", 409);
        }

        @Test
        void noAgreementAfterADeclinedOrWithdrawnReferral() {
            refused(fixture.given(REFERRED, new ReferralDeclinedEvent("c-1", Region.LAPPI, MARCH_1, DeclineReason.OTHER))
                    .when(new SignAgreementCommand("c-1", MARCH_1.plusDays(1))), "referral-closed", 409);
            refused(fixture.given(REFERRED, new ReferralWithdrawnEvent("c-1", Region.LAPPI, MARCH_1))
                    .when(new SignAgreementCommand("c-1", MARCH_1.plusDays(1))), "referral-closed", 409);
        }

        @Test
        void theAgreementCannotPrecedeTheReferral() {
            refused(fixture.given(REFERRED).when(new SignAgreementCommand("c-1", MARCH_1.minusDays(1))),
                    "agreement-before-referral", 422);
        }
    }

    @Nested
    class EndOfService {

        @Test
        void theServiceEndsAfterTheAgreement() {
            fixture.given(REFERRED, SIGNED)
                    .when(new EndServiceCommand("c-1", ENDED.endedOn(), ServiceEndReason.GOAL_ACHIEVED))
                    .expectEvents(ENDED);
        }

        @Test
        void theSameEndAgainStoresNothingAndAnEndWithAnotherReasonConflicts() {
            fixture.given(REFERRED, SIGNED, ENDED).when(new EndServiceCommand("c-1", ENDED.endedOn(), ENDED.reason()))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            refused(fixture.given(REFERRED, SIGNED, ENDED).when(new EndServiceCommand("c-1", ENDED.endedOn(), ServiceEndReason.MOVED_AWAY)),
                    "service-already-ended", 409);
        }

        @Test
        void noEndWithoutAnAgreementNorBeforeIt() {
            refused(fixture.given(REFERRED).when(new EndServiceCommand("c-1", MARCH_1.plusDays(5), ServiceEndReason.OTHER)),
                    "no-agreement", 409);
            refused(fixture.given(REFERRED, SIGNED).when(new EndServiceCommand("c-1", MARCH_1.plusDays(9), ServiceEndReason.OTHER)),
                    "end-before-agreement", 422);
        }

        @Test
        void theServiceEndsOnce() {
            fixture.given(REFERRED, SIGNED, ENDED).when(new EndServiceCommand("c-1", ENDED.endedOn(), ServiceEndReason.GOAL_ACHIEVED))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            refused(fixture.given(REFERRED, SIGNED, ENDED).when(new EndServiceCommand("c-1", ENDED.endedOn().plusDays(1), ServiceEndReason.OTHER)),
                    "service-already-ended", 409);
        }
    }

    @Nested
    class Corrections {

        @Test
        void aReferralEnteredByMistakeIsVoidedOnceAndThenTakesNoMoreCommands() {
            var voided = new ReferralVoidedEvent("c-1", Region.LAPPI, MARCH_1.plusDays(30));
            fixture.given(REFERRED, SIGNED).when(new VoidReferralCommand("c-1", MARCH_1.plusDays(30))).expectEvents(voided);
            fixture.given(REFERRED, voided).when(new VoidReferralCommand("c-1", MARCH_1.plusDays(31)))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            refused(fixture.given(REFERRED, voided).when(new SignAgreementCommand("c-1", MARCH_1.plusDays(40))), "client-voided", 409);
        }

        @Test
        void datesAreCorrectedByEventsOfTheirOwn() {
            fixture.given(REFERRED, SIGNED).when(new CorrectReferralDateCommand("c-1", MARCH_1.minusDays(3)))
                    .expectEvents(new ReferralDateCorrectedEvent("c-1", Region.LAPPI, MARCH_1.minusDays(3)));
            // A referral with no next step yet (it answered 500 once: no date to keep it before).
            fixture.given(REFERRED).when(new CorrectReferralDateCommand("c-1", MARCH_1.plusDays(5)))
                    .expectEvents(new ReferralDateCorrectedEvent("c-1", Region.LAPPI, MARCH_1.plusDays(5)));
            fixture.given(REFERRED, SIGNED).when(new CorrectAgreementDateCommand("c-1", MARCH_1.plusDays(12)))
                    .expectEvents(new AgreementDateCorrectedEvent("c-1", Region.LAPPI, MARCH_1.plusDays(12)));
            fixture.given(REFERRED, SIGNED, ENDED).when(new CorrectEndDateCommand("c-1", MARCH_1.plusDays(90)))
                    .expectEvents(new ServiceEndDateCorrectedEvent("c-1", Region.LAPPI, MARCH_1.plusDays(90)));
        }

        @Test
        void aCorrectionToTheSameDateStoresNothing() {
            fixture.given(REFERRED, SIGNED).when(new CorrectAgreementDateCommand("c-1", SIGNED.signedOn()))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void correctedDatesKeepTheOrderOfTheJourney() {
            refused(fixture.given(REFERRED, SIGNED).when(new CorrectReferralDateCommand("c-1", SIGNED.signedOn().plusDays(1))),
                    "referral-after-next-step", 422);
            refused(fixture.given(REFERRED, SIGNED).when(new CorrectAgreementDateCommand("c-1", MARCH_1.minusDays(1))),
                    "agreement-before-referral", 422);
            refused(fixture.given(REFERRED, SIGNED, ENDED).when(new CorrectAgreementDateCommand("c-1", ENDED.endedOn().plusDays(1))),
                    "agreement-after-end", 422);
            refused(fixture.given(REFERRED, SIGNED, ENDED).when(new CorrectEndDateCommand("c-1", SIGNED.signedOn().minusDays(1))),
                    "end-before-agreement", 422);
            refused(fixture.given(REFERRED).when(new CorrectAgreementDateCommand("c-1", MARCH_1)), "no-agreement", 409);
            refused(fixture.given(REFERRED, SIGNED).when(new CorrectEndDateCommand("c-1", MARCH_1.plusDays(50))), "service-not-ended", 409);
        }
    }
}
