package fi.ips.referral.enrolment;

import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.Region;
import fi.ips.support.problem.RuleViolationException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One client's IPS enrolment, event-sourced: the aggregate id is the pseudonymous client id. */
@Aggregate
class Enrolment {

    @AggregateIdentifier
    private String clientId;
    private Region region;
    private ClientReferredEvent referral;
    private LocalDate signedOn;

    Enrolment() {
        // for Axon
    }

    /** A first referral creates the client; the same referral again is an idempotent success. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReferClientCommand command) {
        var referred = new ClientReferredEvent(command.clientId(), command.region(), command.referredOn(),
                command.source(), command.ageGroup());
        if (referral == null) {
            apply(referred);
        } else if (!referral.equals(referred)) {
            throw RuleViolationException.conflict("client-already-referred", "clientId",
                    "This client id is already referred with different content");
        }
    }

    @CommandHandler
    void handle(SignAgreementCommand command) {
        if (signedOn != null) {
            throw RuleViolationException.conflict("agreement-already-signed", "signedOn",
                    "The agreement of this client is already signed");
        }
        if (command.signedOn().isBefore(referral.referredOn())) {
            throw RuleViolationException.unprocessable("agreement-before-referral", "signedOn",
                    "The agreement cannot be signed before the referral date " + referral.referredOn());
        }
        apply(new AgreementSignedEvent(clientId, region, command.signedOn()));
    }

    @EventSourcingHandler
    void on(ClientReferredEvent event) {
        clientId = event.clientId();
        region = event.region();
        referral = event;
    }

    @EventSourcingHandler
    void on(AgreementSignedEvent event) {
        signedOn = event.signedOn();
    }
}
