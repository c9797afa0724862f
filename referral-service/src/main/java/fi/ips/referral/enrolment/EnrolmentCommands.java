package fi.ips.referral.enrolment;

import fi.ips.events.DeclineReason;
import fi.ips.events.ServiceEndReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** The commands on an existing client's enrolment; a referral ({@link ReferClientCommand}) starts one. */
final class EnrolmentCommands {

    private EnrolmentCommands() {
    }

    record DeclineReferralCommand(@TargetAggregateIdentifier String clientId, LocalDate declinedOn, DeclineReason reason) {
    }

    record WithdrawReferralCommand(@TargetAggregateIdentifier String clientId, LocalDate withdrawnOn) {
    }

    /** The client and the coach signed the cooperation agreement (yhteistyösopimus). */
    record SignAgreementCommand(@TargetAggregateIdentifier String clientId, LocalDate signedOn) {
    }

    record EndServiceCommand(@TargetAggregateIdentifier String clientId, LocalDate endedOn, ServiceEndReason reason) {
    }

    /** The referral was entered by mistake: the client then counts nowhere. */
    record VoidReferralCommand(@TargetAggregateIdentifier String clientId, LocalDate voidedOn) {
    }

    record CorrectReferralDateCommand(@TargetAggregateIdentifier String clientId, LocalDate referredOn) {
    }

    record CorrectAgreementDateCommand(@TargetAggregateIdentifier String clientId, LocalDate signedOn) {
    }

    record CorrectEndDateCommand(@TargetAggregateIdentifier String clientId, LocalDate endedOn) {
    }
}
