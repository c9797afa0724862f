package fi.ips.events;

/** An event of a client's enrolment in the IPS service, published on {@link Topics#REFERRALS}. */
public sealed interface EnrolmentEvent extends JourneyEvent permits
        ClientReferredEvent, ReferralDeclinedEvent, ReferralWithdrawnEvent, AgreementSignedEvent,
        ServiceEndedEvent, ReferralVoidedEvent, ReferralDateCorrectedEvent, AgreementDateCorrectedEvent,
        ServiceEndDateCorrectedEvent {
}
