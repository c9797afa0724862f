package fi.ips.outcomes.journey;

import fi.ips.events.AgreementDateCorrectedEvent;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.JobEndDateCorrectedEvent;
import fi.ips.events.JobEndReason;
import fi.ips.events.JobEndedEvent;
import fi.ips.events.JobStartDateCorrectedEvent;
import fi.ips.events.JobStartedEvent;
import fi.ips.events.JobType;
import fi.ips.events.JobVoidedEvent;
import fi.ips.events.JourneyEvent;
import fi.ips.events.ReferralDateCorrectedEvent;
import fi.ips.events.ReferralVoidedEvent;
import fi.ips.events.Region;
import fi.ips.events.ServiceEndDateCorrectedEvent;
import fi.ips.events.ServiceEndedEvent;
import fi.ips.events.StudiesEndDateCorrectedEvent;
import fi.ips.events.StudiesEndedEvent;
import fi.ips.events.StudiesStartDateCorrectedEvent;
import fi.ips.events.StudiesStartedEvent;
import fi.ips.events.StudiesVoidedEvent;
import fi.ips.support.kafka.ReceivedEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the KPIs need to know of one client, folded from all of the client's events. The
 * fold depends only on the set of events, not on the order or the number of times they arrived:
 * events are applied in the order they were recorded (a correction after what it corrects), and a
 * duplicate is the same event. Voided jobs and studies are left out; a voided client is marked.
 *
 * @param region           null until an event of the client has arrived
 * @param referredOn       null while only placement events of the client have arrived
 * @param agreementSignedOn null without an agreement
 * @param serviceEndedOn   null while the service goes on
 */
public record JourneySummary(Region region, boolean voided, LocalDate referredOn, LocalDate agreementSignedOn,
                             LocalDate serviceEndedOn, List<Job> jobs, List<Studies> studies) {

    /**
     * A job. Whether it was found through IPS goes by its dates (see the KPIs), which corrections
     * may change, not by the flag it was submitted with.
     *
     * @param endedOn   null while it goes on
     * @param endReason null while it goes on
     */
    public record Job(String jobId, JobType type, LocalDate startedOn, LocalDate endedOn, JobEndReason endReason) {
    }

    public record Studies(String studyId, LocalDate startedOn, LocalDate endedOn) {
    }

    private static final Comparator<ReceivedEvent> RECORDED_ORDER = Comparator
            .comparing(ReceivedEvent::recorded, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ReceivedEvent::id);

    public static JourneySummary of(List<ReceivedEvent> events) {
        Fold fold = new Fold();
        events.stream().sorted(RECORDED_ORDER).distinct().map(ReceivedEvent::event).forEach(fold::apply);
        return fold.summary();
    }

    /** The mutable state of one fold; jobs and studies kept in the order they started. */
    private static final class Fold {
        private Region region;
        private boolean voided;
        private LocalDate referredOn;
        private LocalDate signedOn;
        private LocalDate endedOn;
        private final Map<String, Job> jobs = new LinkedHashMap<>();
        private final Map<String, Studies> studies = new LinkedHashMap<>();

        void apply(JourneyEvent event) {
            if (region == null || event instanceof ClientReferredEvent) {
                region = event.region();
            }
            if (event instanceof ClientReferredEvent e) {
                referredOn = e.referredOn();
            } else if (event instanceof ReferralDateCorrectedEvent e) {
                referredOn = e.referredOn();
            } else if (event instanceof AgreementSignedEvent e) {
                signedOn = e.signedOn();
            } else if (event instanceof AgreementDateCorrectedEvent e) {
                signedOn = e.signedOn();
            } else if (event instanceof ServiceEndedEvent e) {
                endedOn = e.endedOn();
            } else if (event instanceof ServiceEndDateCorrectedEvent e) {
                endedOn = e.endedOn();
            } else if (event instanceof ReferralVoidedEvent) {
                voided = true;
            } else if (event instanceof JobStartedEvent e) {
                jobs.put(e.jobId(), new Job(e.jobId(), e.jobType(), e.startedOn(), null, null));
            } else if (event instanceof JobEndedEvent e) {
                jobs.computeIfPresent(e.jobId(), (id, j) -> new Job(id, j.type(), j.startedOn(), e.endedOn(), e.reason()));
            } else if (event instanceof JobStartDateCorrectedEvent e) {
                jobs.computeIfPresent(e.jobId(), (id, j) -> new Job(id, j.type(), e.startedOn(), j.endedOn(), j.endReason()));
            } else if (event instanceof JobEndDateCorrectedEvent e) {
                jobs.computeIfPresent(e.jobId(), (id, j) -> new Job(id, j.type(), j.startedOn(), e.endedOn(), j.endReason()));
            } else if (event instanceof JobVoidedEvent e) {
                jobs.remove(e.jobId());
            } else if (event instanceof StudiesStartedEvent e) {
                studies.put(e.studyId(), new Studies(e.studyId(), e.startedOn(), null));
            } else if (event instanceof StudiesEndedEvent e) {
                studies.computeIfPresent(e.studyId(), (id, s) -> new Studies(id, s.startedOn(), e.endedOn()));
            } else if (event instanceof StudiesStartDateCorrectedEvent e) {
                studies.computeIfPresent(e.studyId(), (id, s) -> new Studies(id, e.startedOn(), s.endedOn()));
            } else if (event instanceof StudiesEndDateCorrectedEvent e) {
                studies.computeIfPresent(e.studyId(), (id, s) -> new Studies(id, s.startedOn(), e.endedOn()));
            } else if (event instanceof StudiesVoidedEvent e) {
                studies.remove(e.studyId());
            }
        }

        JourneySummary summary() {
            return new JourneySummary(region, voided, referredOn, signedOn, endedOn,
                    List.copyOf(new ArrayList<>(jobs.values())), List.copyOf(new ArrayList<>(studies.values())));
        }
    }
}
