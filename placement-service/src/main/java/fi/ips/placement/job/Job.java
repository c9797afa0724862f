package fi.ips.placement.job;

import fi.ips.events.JobEndDateCorrectedEvent;
import fi.ips.events.JobEndedEvent;
import fi.ips.events.JobStartDateCorrectedEvent;
import fi.ips.events.JobStartedEvent;
import fi.ips.events.JobVoidedEvent;
import fi.ips.placement.job.JobCommands.CorrectJobEndCommand;
import fi.ips.placement.job.JobCommands.CorrectJobStartCommand;
import fi.ips.placement.job.JobCommands.EndJobCommand;
import fi.ips.placement.job.JobCommands.StartJobCommand;
import fi.ips.placement.job.JobCommands.VoidJobCommand;
import fi.ips.placement.lifecycle.PlacementLifecycle;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** One job of a client: paid work, a work trial, an internship or volunteer work. */
@Aggregate
class Job extends PlacementLifecycle {

    Job() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(StartJobCommand c) {
        start(new JobStartedEvent(c.jobId(), c.clientId(), c.region(), c.startedOn(), c.jobType(), c.weeklyHours(),
                c.employerSector(), c.occupation(), c.existingJob(), c.fixedTerm()));
    }

    @CommandHandler
    void handle(EndJobCommand c) {
        end(c.endedOn(), c.reason(), () -> new JobEndedEvent(id, clientId, region, c.endedOn(), c.reason()));
    }

    @CommandHandler
    void handle(VoidJobCommand c) {
        voidIt(() -> new JobVoidedEvent(id, clientId, region, c.voidedOn()));
    }

    @CommandHandler
    void handle(CorrectJobStartCommand c) {
        correctStart(c.startedOn(), () -> new JobStartDateCorrectedEvent(id, clientId, region, c.startedOn()));
    }

    @CommandHandler
    void handle(CorrectJobEndCommand c) {
        correctEnd(c.endedOn(), () -> new JobEndDateCorrectedEvent(id, clientId, region, c.endedOn()));
    }

    @EventSourcingHandler
    void on(JobStartedEvent e) {
        started(e, e.startedOn());
    }

    @EventSourcingHandler
    void on(JobEndedEvent e) {
        ended(e.endedOn(), e.reason());
    }

    @EventSourcingHandler
    void on(JobVoidedEvent e) {
        voided();
    }

    @EventSourcingHandler
    void on(JobStartDateCorrectedEvent e) {
        startCorrected(e.startedOn());
    }

    @EventSourcingHandler
    void on(JobEndDateCorrectedEvent e) {
        endCorrected(e.endedOn());
    }
}
