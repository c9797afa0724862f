package fi.ips.outcomes.journey;

import fi.ips.events.AgreementDateCorrectedEvent;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.JobStartDateCorrectedEvent;
import fi.ips.events.JobStartedEvent;
import fi.ips.events.JobVoidedEvent;
import fi.ips.events.JourneyEvent;
import fi.ips.events.ReferralDateCorrectedEvent;
import fi.ips.events.ReferralVoidedEvent;
import fi.ips.events.Region;
import fi.ips.support.kafka.ReceivedEvent;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the KPIs need to know of one client, folded from all of the client's events. The fold
 * depends only on the set of events, not on the order or number of times they arrived: events are
 * applied in the order they were recorded, and a duplicate is the same event.
 *
 * @param firstPaidJobOn the first paid job found through IPS (jobs held before the agreement do not count)
 */
record JourneySummary(Region region, boolean voided, LocalDate referredOn, LocalDate agreementSignedOn,
                      LocalDate firstPaidJobOn) {

    private static final Comparator<ReceivedEvent> RECORDED_ORDER = Comparator
            .comparing(ReceivedEvent::recorded, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ReceivedEvent::id);

    static JourneySummary of(List<ReceivedEvent> events) {
        Region region = null;
        boolean voided = false;
        LocalDate referredOn = null;
        LocalDate signedOn = null;
        Map<String, LocalDate> paidJobStarts = new HashMap<>();
        Set<String> voidedJobs = new HashSet<>();
        for (ReceivedEvent received : events.stream().sorted(RECORDED_ORDER).distinct().toList()) {
            JourneyEvent event = received.event();
            if (region == null) {
                region = event.region();
            }
            if (event instanceof ClientReferredEvent e) {
                region = e.region();
                referredOn = e.referredOn();
            } else if (event instanceof ReferralDateCorrectedEvent e) {
                referredOn = e.referredOn();
            } else if (event instanceof AgreementSignedEvent e) {
                signedOn = e.signedOn();
            } else if (event instanceof AgreementDateCorrectedEvent e) {
                signedOn = e.signedOn();
            } else if (event instanceof ReferralVoidedEvent) {
                voided = true;
            } else if (event instanceof JobStartedEvent e && e.jobType().isPaid() && !e.existingJob()) {
                paidJobStarts.put(e.jobId(), e.startedOn());
            } else if (event instanceof JobStartDateCorrectedEvent e) {
                paidJobStarts.computeIfPresent(e.jobId(), (id, old) -> e.startedOn());
            } else if (event instanceof JobVoidedEvent e) {
                voidedJobs.add(e.jobId());
            }
        }
        LocalDate firstPaidJob = paidJobStarts.entrySet().stream()
                .filter(job -> !voidedJobs.contains(job.getKey()))
                .map(Map.Entry::getValue)
                .min(Comparator.naturalOrder())
                .orElse(null);
        return new JourneySummary(region, voided, referredOn, signedOn, firstPaidJob);
    }
}
