package fi.ips.referral.enrolment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** The client and the coach signed the cooperation agreement (yhteistyösopimus). */
record SignAgreementCommand(@TargetAggregateIdentifier String clientId, LocalDate signedOn) {
}
