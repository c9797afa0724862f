package fi.ips.placement.lifecycle;

import fi.ips.events.JobEndDateCorrectedEvent;
import fi.ips.events.JobEndedEvent;
import fi.ips.events.JobStartDateCorrectedEvent;
import fi.ips.events.JobStartedEvent;
import fi.ips.events.JobVoidedEvent;
import fi.ips.events.PlacementEvent;
import fi.ips.events.Region;
import fi.ips.events.StudiesEndDateCorrectedEvent;
import fi.ips.events.StudiesEndedEvent;
import fi.ips.events.StudiesStartDateCorrectedEvent;
import fi.ips.events.StudiesStartedEvent;
import fi.ips.events.StudiesVoidedEvent;
import fi.ips.support.eventstore.EventHistory;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.LocalDate;
import java.util.List;

/**
 * A job's or a study placement's current state and history, read from its events.
 *
 * @param start the start as submitted (job type, hours, sector, occupation; or the level of studies)
 */
public record PlacementView(String id, Kind kind, String clientId, Region region, Status status, LocalDate startedOn,
                            LocalDate endedOn, PlacementEvent start, List<EventHistory.Entry> history) {

    public enum Kind { JOB, STUDIES }

    public enum Status { ONGOING, ENDED, VOIDED }

    static PlacementView of(List<? extends DomainEventMessage<?>> events) {
        PlacementEvent start = null;
        Status status = Status.ONGOING;
        LocalDate startedOn = null;
        LocalDate endedOn = null;
        for (DomainEventMessage<?> message : events) {
            Object event = message.getPayload();
            if (event instanceof JobStartedEvent e) {
                start = e;
                startedOn = e.startedOn();
            } else if (event instanceof StudiesStartedEvent e) {
                start = e;
                startedOn = e.startedOn();
            } else if (event instanceof JobStartDateCorrectedEvent e) {
                startedOn = e.startedOn();
            } else if (event instanceof StudiesStartDateCorrectedEvent e) {
                startedOn = e.startedOn();
            } else if (event instanceof JobEndedEvent e) {
                endedOn = e.endedOn();
            } else if (event instanceof StudiesEndedEvent e) {
                endedOn = e.endedOn();
            } else if (event instanceof JobEndDateCorrectedEvent e) {
                endedOn = e.endedOn();
            } else if (event instanceof StudiesEndDateCorrectedEvent e) {
                endedOn = e.endedOn();
            } else if (event instanceof JobVoidedEvent || event instanceof StudiesVoidedEvent) {
                status = Status.VOIDED;
            }
        }
        if (status != Status.VOIDED && endedOn != null) {
            status = Status.ENDED;
        }
        return new PlacementView(start.placementId(), start instanceof JobStartedEvent ? Kind.JOB : Kind.STUDIES,
                start.clientId(), start.region(), status, startedOn, endedOn, start, EventHistory.of(events));
    }
}
