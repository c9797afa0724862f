package fi.ips.outcomes.journey;

import fi.ips.events.AgreementDateCorrectedEvent;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.EventType;
import fi.ips.events.JobEndReason;
import fi.ips.events.JobEndedEvent;
import fi.ips.events.JobStartDateCorrectedEvent;
import fi.ips.events.JobStartedEvent;
import fi.ips.events.JobType;
import fi.ips.events.JobVoidedEvent;
import fi.ips.events.JourneyEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.ReferralVoidedEvent;
import fi.ips.events.Region;
import fi.ips.events.StudiesStartedEvent;
import fi.ips.events.StudyLevel;
import fi.ips.support.kafka.ReceivedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class JourneySummaryTest {

    private static final LocalDate MARCH_1 = LocalDate.of(2022, 3, 1);

    private final List<ReceivedEvent> journey = new ArrayList<>();

    @Test
    void foldsTheWholeJourneyWithItsCorrections() {
        happened(new ClientReferredEvent("c", Region.LAPPI, MARCH_1, ReferralSource.SELF_REFERRAL, null));
        happened(new AgreementSignedEvent("c", Region.LAPPI, MARCH_1.plusDays(5)));
        happened(new AgreementDateCorrectedEvent("c", Region.LAPPI, MARCH_1.plusDays(7)));
        happened(job("j1", JobType.PAID_OPEN_MARKET, MARCH_1.plusDays(30)));
        happened(new JobStartDateCorrectedEvent("j1", "c", Region.LAPPI, MARCH_1.plusDays(31)));
        happened(new JobEndedEvent("j1", "c", Region.LAPPI, MARCH_1.plusDays(90), JobEndReason.RESIGNED));
        happened(job("mistake", JobType.WORK_TRIAL, MARCH_1.plusDays(40)));
        happened(new JobVoidedEvent("mistake", "c", Region.LAPPI, MARCH_1.plusDays(41)));
        happened(new StudiesStartedEvent("s1", "c", Region.LAPPI, MARCH_1.plusDays(100), StudyLevel.VOCATIONAL));

        JourneySummary summary = JourneySummary.of(journey);

        assertThat(summary.region()).isEqualTo(Region.LAPPI);
        assertThat(summary.agreementSignedOn()).isEqualTo(MARCH_1.plusDays(7));
        assertThat(summary.jobs()).containsExactly(new JourneySummary.Job("j1", JobType.PAID_OPEN_MARKET,
                MARCH_1.plusDays(31), MARCH_1.plusDays(90), JobEndReason.RESIGNED));
        assertThat(summary.studies()).containsExactly(new JourneySummary.Studies("s1", MARCH_1.plusDays(100), null));
    }

    @Test
    void theSameSetOfEventsGivesTheSameSummaryInAnyOrderAndWithDuplicates() {
        happened(new ClientReferredEvent("c", Region.LAPPI, MARCH_1, ReferralSource.SELF_REFERRAL, null));
        happened(new AgreementSignedEvent("c", Region.LAPPI, MARCH_1.plusDays(5)));
        happened(new AgreementDateCorrectedEvent("c", Region.LAPPI, MARCH_1.plusDays(7)));
        happened(job("j", JobType.PAID_OPEN_MARKET, MARCH_1.plusDays(30)));
        JourneySummary inOrder = JourneySummary.of(journey);

        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            List<ReceivedEvent> shuffled = new ArrayList<>(journey);
            shuffled.add(journey.get(random.nextInt(journey.size())));
            Collections.shuffle(shuffled, random);
            assertThat(JourneySummary.of(shuffled)).isEqualTo(inOrder);
        }
    }

    @Test
    void aJobArrivingBeforeTheReferralStillBelongsToTheClientsRegion() {
        happened(job("j", JobType.PAID_SUPPORTED, MARCH_1.plusDays(30)));

        JourneySummary summary = JourneySummary.of(journey);

        assertThat(summary.region()).isEqualTo(Region.LAPPI);
        assertThat(summary.referredOn()).isNull();
        assertThat(summary.jobs()).hasSize(1);
    }

    @Test
    void aVoidedReferralMarksTheClientVoided() {
        happened(new ClientReferredEvent("c", Region.LAPPI, MARCH_1, ReferralSource.SELF_REFERRAL, null));
        happened(new ReferralVoidedEvent("c", Region.LAPPI, MARCH_1.plusDays(1)));

        assertThat(JourneySummary.of(journey).voided()).isTrue();
    }

    private static JobStartedEvent job(String id, JobType type, LocalDate startedOn) {
        return new JobStartedEvent(id, "c", Region.LAPPI, startedOn, type, null, null, null, false, null);
    }

    private void happened(JourneyEvent event) {
        journey.add(new ReceivedEvent("e" + journey.size(), EventType.of(event),
                Instant.parse("2022-05-01T00:00:00Z").plusSeconds(journey.size()), event));
    }
}
