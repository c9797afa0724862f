package fi.ips.placement.studies;

import fi.ips.events.StudiesEndDateCorrectedEvent;
import fi.ips.events.StudiesEndedEvent;
import fi.ips.events.StudiesStartDateCorrectedEvent;
import fi.ips.events.StudiesStartedEvent;
import fi.ips.events.StudiesVoidedEvent;
import fi.ips.placement.lifecycle.PlacementLifecycle;
import fi.ips.placement.studies.StudiesCommands.CorrectStudiesEndCommand;
import fi.ips.placement.studies.StudiesCommands.CorrectStudiesStartCommand;
import fi.ips.placement.studies.StudiesCommands.EndStudiesCommand;
import fi.ips.placement.studies.StudiesCommands.StartStudiesCommand;
import fi.ips.placement.studies.StudiesCommands.VoidStudiesCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** One study placement of a client (opinnot): attachment to studies, not employment. */
@Aggregate
class Studies extends PlacementLifecycle {

    Studies() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(StartStudiesCommand c) {
        start(new StudiesStartedEvent(c.studyId(), c.clientId(), c.region(), c.startedOn(), c.level()));
    }

    @CommandHandler
    void handle(EndStudiesCommand c) {
        end(c.endedOn(), c.reason(), () -> new StudiesEndedEvent(id, clientId, region, c.endedOn(), c.reason()));
    }

    @CommandHandler
    void handle(VoidStudiesCommand c) {
        voidIt(() -> new StudiesVoidedEvent(id, clientId, region, c.voidedOn()));
    }

    @CommandHandler
    void handle(CorrectStudiesStartCommand c) {
        correctStart(c.startedOn(), () -> new StudiesStartDateCorrectedEvent(id, clientId, region, c.startedOn()));
    }

    @CommandHandler
    void handle(CorrectStudiesEndCommand c) {
        correctEnd(c.endedOn(), () -> new StudiesEndDateCorrectedEvent(id, clientId, region, c.endedOn()));
    }

    @EventSourcingHandler
    void on(StudiesStartedEvent e) {
        started(e, e.startedOn());
    }

    @EventSourcingHandler
    void on(StudiesEndedEvent e) {
        ended(e.endedOn(), e.reason());
    }

    @EventSourcingHandler
    void on(StudiesVoidedEvent e) {
        voided();
    }

    @EventSourcingHandler
    void on(StudiesStartDateCorrectedEvent e) {
        startCorrected(e.startedOn());
    }

    @EventSourcingHandler
    void on(StudiesEndDateCorrectedEvent e) {
        endCorrected(e.endedOn());
    }
}
