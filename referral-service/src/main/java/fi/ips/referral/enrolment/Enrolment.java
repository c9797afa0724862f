package fi.ips.referral.enrolment;

import fi.ips.events.AgreementDateCorrectedEvent;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.ReferralDateCorrectedEvent;
import fi.ips.events.ReferralDeclinedEvent;
import fi.ips.events.ReferralVoidedEvent;
import fi.ips.events.ReferralWithdrawnEvent;
import fi.ips.events.Region;
import fi.ips.events.ServiceEndDateCorrectedEvent;
import fi.ips.events.ServiceEndedEvent;
import fi.ips.referral.enrolment.EnrolmentCommands.CorrectAgreementDateCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.CorrectEndDateCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.CorrectReferralDateCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.DeclineReferralCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.EndServiceCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.SignAgreementCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.VoidReferralCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.WithdrawReferralCommand;
import fi.ips.support.problem.RuleViolationException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One client's IPS enrolment, event-sourced; the aggregate id is the pseudonymous client id.
 * Every broken rule is a {@link RuleViolationException} (409 or 422) and stores nothing. The exact
 * same submission again (a retried batch) is a success that stores nothing new.
 */
@Aggregate
class Enrolment {

    @AggregateIdentifier
    private String clientId;
    private Region region;
    private ClientReferredEvent referral;
    private EnrolmentStatus status;
    private LocalDate referredOn;
    private LocalDate closedOn;
    /** Why the referral was declined, or the service ended: the same submission again has the same reason. */
    private Enum<?> closedFor;
    private LocalDate signedOn;
    private LocalDate endedOn;

    Enrolment() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReferClientCommand command) {
        var referred = new ClientReferredEvent(command.clientId(), command.region(), command.referredOn(),
                command.source(), command.ageGroup());
        if (referral == null) {
            apply(referred);
        } else if (referral.region() != command.region()) {
            // Two counties numbering their clients alike (1001, 1002, …): the county is told the id is not its
            // client's, not that its client was referred otherwise. That the id exists it learnt before too (409).
            throw RuleViolationException.conflict("client-id-used-in-another-region", "clientId",
                    "This client id is used in another region: client ids are unique nationally, for example with your region's code in front");
        } else if (!referral.equals(referred)) {
            throw RuleViolationException.conflict("client-already-referred", "clientId",
                    "This client id is already referred with different content");
        }
    }

    @CommandHandler
    void handle(DeclineReferralCommand command) {
        if (status == EnrolmentStatus.DECLINED && command.declinedOn().equals(closedOn) && command.reason() == closedFor) {
            return;
        }
        requireOpenReferral("declined");
        requireNotBefore(command.declinedOn(), referredOn, "on", "decline-before-referral", "the referral date");
        apply(new ReferralDeclinedEvent(clientId, region, command.declinedOn(), command.reason()));
    }

    @CommandHandler
    void handle(WithdrawReferralCommand command) {
        if (status == EnrolmentStatus.WITHDRAWN && command.withdrawnOn().equals(closedOn)) {
            return;
        }
        requireOpenReferral("withdrawn");
        requireNotBefore(command.withdrawnOn(), referredOn, "on", "withdrawal-before-referral", "the referral date");
        apply(new ReferralWithdrawnEvent(clientId, region, command.withdrawnOn()));
    }

    @CommandHandler
    void handle(SignAgreementCommand command) {
        requireNotVoided();
        if (signedOn != null) {
            if (command.signedOn().equals(signedOn)) {
                return;
            }
            throw RuleViolationException.conflict("agreement-already-signed", "signedOn",
                    "The agreement of this client is already signed (on " + signedOn + "); correct its date instead");
        }
        if (status != EnrolmentStatus.REFERRED) {
            throw RuleViolationException.conflict("referral-closed", null,
                    "The referral was " + status.name().toLowerCase() + ": no agreement can follow it");
        }
        requireNotBefore(command.signedOn(), referredOn, "signedOn", "agreement-before-referral", "the referral date");
        apply(new AgreementSignedEvent(clientId, region, command.signedOn()));
    }

    @CommandHandler
    void handle(EndServiceCommand command) {
        requireNotVoided();
        if (status == EnrolmentStatus.ENDED) {
            if (command.endedOn().equals(endedOn) && command.reason() == closedFor) {
                return;
            }
            throw RuleViolationException.conflict("service-already-ended", "endedOn",
                    "The service of this client already ended (on " + endedOn + ", " + closedFor + "); a date can be corrected");
        }
        if (status != EnrolmentStatus.AGREEMENT_SIGNED) {
            throw RuleViolationException.conflict("no-agreement", null, "The service can end only after the agreement is signed");
        }
        requireNotBefore(command.endedOn(), signedOn, "endedOn", "end-before-agreement", "the agreement date");
        apply(new ServiceEndedEvent(clientId, region, command.endedOn(), command.reason()));
    }

    @CommandHandler
    void handle(VoidReferralCommand command) {
        if (status == EnrolmentStatus.VOIDED) {
            return;
        }
        apply(new ReferralVoidedEvent(clientId, region, command.voidedOn()));
    }

    @CommandHandler
    void handle(CorrectReferralDateCommand command) {
        requireNotVoided();
        if (command.referredOn().equals(referredOn)) {
            return;
        }
        LocalDate next = signedOn != null ? signedOn : closedOn;
        if (next != null && command.referredOn().isAfter(next)) {
            throw RuleViolationException.unprocessable("referral-after-next-step", "referredOn",
                    "The referral date cannot be after " + next + ", the date of the next step");
        }
        apply(new ReferralDateCorrectedEvent(clientId, region, command.referredOn()));
    }

    @CommandHandler
    void handle(CorrectAgreementDateCommand command) {
        requireNotVoided();
        if (signedOn == null) {
            throw RuleViolationException.conflict("no-agreement", null, "There is no agreement whose date to correct");
        }
        if (command.signedOn().equals(signedOn)) {
            return;
        }
        requireNotBefore(command.signedOn(), referredOn, "signedOn", "agreement-before-referral", "the referral date");
        if (endedOn != null && command.signedOn().isAfter(endedOn)) {
            throw RuleViolationException.unprocessable("agreement-after-end", "signedOn",
                    "The agreement date cannot be after the end of the service, " + endedOn);
        }
        apply(new AgreementDateCorrectedEvent(clientId, region, command.signedOn()));
    }

    @CommandHandler
    void handle(CorrectEndDateCommand command) {
        requireNotVoided();
        if (endedOn == null) {
            throw RuleViolationException.conflict("service-not-ended", null, "The service has not ended: there is no end date to correct");
        }
        if (command.endedOn().equals(endedOn)) {
            return;
        }
        requireNotBefore(command.endedOn(), signedOn, "endedOn", "end-before-agreement", "the agreement date");
        apply(new ServiceEndDateCorrectedEvent(clientId, region, command.endedOn()));
    }

    private void requireNotVoided() {
        if (status == EnrolmentStatus.VOIDED) {
            throw RuleViolationException.conflict("client-voided", null, "This client's referral was voided");
        }
    }

    private void requireOpenReferral(String what) {
        requireNotVoided();
        if (status != EnrolmentStatus.REFERRED) {
            throw RuleViolationException.conflict("referral-not-open", null,
                    "Only an open referral can be " + what + "; this one is " + status.name().toLowerCase());
        }
    }

    private static void requireNotBefore(LocalDate date, LocalDate earliest, String field, String rule, String what) {
        if (date.isBefore(earliest)) {
            throw RuleViolationException.unprocessable(rule, field, field + " cannot be before " + what + " " + earliest);
        }
    }

    @EventSourcingHandler
    void on(ClientReferredEvent event) {
        clientId = event.clientId();
        region = event.region();
        referral = event;
        referredOn = event.referredOn();
        status = EnrolmentStatus.REFERRED;
    }

    @EventSourcingHandler
    void on(ReferralDeclinedEvent event) {
        status = EnrolmentStatus.DECLINED;
        closedOn = event.declinedOn();
        closedFor = event.reason();
    }

    @EventSourcingHandler
    void on(ReferralWithdrawnEvent event) {
        status = EnrolmentStatus.WITHDRAWN;
        closedOn = event.withdrawnOn();
    }

    @EventSourcingHandler
    void on(AgreementSignedEvent event) {
        status = EnrolmentStatus.AGREEMENT_SIGNED;
        signedOn = event.signedOn();
    }

    @EventSourcingHandler
    void on(ServiceEndedEvent event) {
        status = EnrolmentStatus.ENDED;
        endedOn = event.endedOn();
        closedFor = event.reason();
    }

    @EventSourcingHandler
    void on(ReferralVoidedEvent event) {
        status = EnrolmentStatus.VOIDED;
    }

    @EventSourcingHandler
    void on(ReferralDateCorrectedEvent event) {
        referredOn = event.referredOn();
    }

    @EventSourcingHandler
    void on(AgreementDateCorrectedEvent event) {
        signedOn = event.signedOn();
    }

    @EventSourcingHandler
    void on(ServiceEndDateCorrectedEvent event) {
        endedOn = event.endedOn();
    }
}
