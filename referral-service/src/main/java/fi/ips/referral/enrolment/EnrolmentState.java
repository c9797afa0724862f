package fi.ips.referral.enrolment;

import fi.ips.events.AgreementDateCorrectedEvent;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.EnrolmentEvent;
import fi.ips.events.ReferralDateCorrectedEvent;
import fi.ips.events.ReferralDeclinedEvent;
import fi.ips.events.ReferralVoidedEvent;
import fi.ips.events.ReferralWithdrawnEvent;
import fi.ips.events.Region;
import fi.ips.events.ServiceEndDateCorrectedEvent;
import fi.ips.events.ServiceEndedEvent;

import java.time.LocalDate;

/** A client's current state as the API shows it, folded from the client's events in order. */
record EnrolmentState(String clientId, Region region, EnrolmentStatus status, LocalDate referredOn,
                      LocalDate agreementSignedOn, LocalDate endedOn) {

    static final EnrolmentState NONE = new EnrolmentState(null, null, null, null, null, null);

    EnrolmentState apply(EnrolmentEvent event) {
        if (event instanceof ClientReferredEvent e) {
            return new EnrolmentState(e.clientId(), e.region(), EnrolmentStatus.REFERRED, e.referredOn(), null, null);
        } else if (event instanceof ReferralDeclinedEvent) {
            return withStatus(EnrolmentStatus.DECLINED);
        } else if (event instanceof ReferralWithdrawnEvent) {
            return withStatus(EnrolmentStatus.WITHDRAWN);
        } else if (event instanceof AgreementSignedEvent e) {
            return new EnrolmentState(clientId, region, EnrolmentStatus.AGREEMENT_SIGNED, referredOn, e.signedOn(), endedOn);
        } else if (event instanceof ServiceEndedEvent e) {
            return new EnrolmentState(clientId, region, EnrolmentStatus.ENDED, referredOn, agreementSignedOn, e.endedOn());
        } else if (event instanceof ReferralVoidedEvent) {
            return withStatus(EnrolmentStatus.VOIDED);
        } else if (event instanceof ReferralDateCorrectedEvent e) {
            return new EnrolmentState(clientId, region, status, e.referredOn(), agreementSignedOn, endedOn);
        } else if (event instanceof AgreementDateCorrectedEvent e) {
            return new EnrolmentState(clientId, region, status, referredOn, e.signedOn(), endedOn);
        } else if (event instanceof ServiceEndDateCorrectedEvent e) {
            return new EnrolmentState(clientId, region, status, referredOn, agreementSignedOn, e.endedOn());
        }
        return this;
    }

    private EnrolmentState withStatus(EnrolmentStatus next) {
        return new EnrolmentState(clientId, region, next, referredOn, agreementSignedOn, endedOn);
    }
}
