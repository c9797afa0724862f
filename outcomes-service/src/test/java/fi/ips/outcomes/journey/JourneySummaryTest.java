package fi.ips.outcomes.journey;

import fi.ips.events.AgreementDateCorrectedEvent;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.EventType;
import fi.ips.events.JobStartedEvent;
import fi.ips.events.JobType;
import fi.ips.events.JobVoidedEvent;
import fi.ips.events.JourneyEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.ReferralVoidedEvent;
import fi.ips.events.Region;
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
    void foldsReferralAgreementAndFirstPaidJob() {
        happened(new ClientReferredEvent("c", Region.LAPPI, MARCH_1, ReferralSource.SELF_REFERRAL, null));
        happened(new AgreementSignedEvent("c", Region.LAPPI, MARCH_1.plusDays(5)));
        happened(job("trial", JobType.WORK_TRIAL, MARCH_1.plusDays(6), false));
        happened(job("later", JobType.PAID_OPEN_MARKET, MARCH_1.plusDays(60), false));
        happened(job("first", JobType.PAID_SUPPORTED, MARCH_1.plusDays(30), false));

        JourneySummary summary = JourneySummary.of(journey);

        assertThat(summary).isEqualTo(new JourneySummary(Region.LAPPI, false, MARCH_1, MARCH_1.plusDays(5), MARCH_1.plusDays(30)));
    }

    @Test
    void theSameSetOfEventsGivesTheSameSummaryInAnyOrderAndWithDuplicates() {
        happened(new ClientReferredEvent("c", Region.LAPPI, MARCH_1, ReferralSource.SELF_REFERRAL, null));
        happened(new AgreementSignedEvent("c", Region.LAPPI, MARCH_1.plusDays(5)));
        happened(new AgreementDateCorrectedEvent("c", Region.LAPPI, MARCH_1.plusDays(7)));
        happened(job("j", JobType.PAID_OPEN_MARKET, MARCH_1.plusDays(30), false));
        JourneySummary inOrder = JourneySummary.of(journey);

        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            List<ReceivedEvent> shuffled = new ArrayList<>(journey);
            shuffled.add(journey.get(random.nextInt(journey.size())));
            Collections.shuffle(shuffled, random);
            assertThat(JourneySummary.of(shuffled)).isEqualTo(inOrder);
        }
        assertThat(inOrder.agreementSignedOn()).isEqualTo(MARCH_1.plusDays(7));
    }

    @Test
    void jobsHeldBeforeTheAgreementAndVoidedJobsAreNotEmployment() {
        happened(new ClientReferredEvent("c", Region.LAPPI, MARCH_1, ReferralSource.SELF_REFERRAL, null));
        happened(new AgreementSignedEvent("c", Region.LAPPI, MARCH_1.plusDays(5)));
        happened(job("existing", JobType.PAID_OPEN_MARKET, MARCH_1.minusDays(100), true));
        happened(job("mistake", JobType.PAID_OPEN_MARKET, MARCH_1.plusDays(10), false));
        happened(new JobVoidedEvent("mistake", "c", Region.LAPPI, MARCH_1.plusDays(11)));

        assertThat(JourneySummary.of(journey).firstPaidJobOn()).isNull();
    }

    @Test
    void aVoidedReferralMarksTheClientVoided() {
        happened(new ClientReferredEvent("c", Region.LAPPI, MARCH_1, ReferralSource.SELF_REFERRAL, null));
        happened(new ReferralVoidedEvent("c", Region.LAPPI, MARCH_1.plusDays(1)));

        assertThat(JourneySummary.of(journey).voided()).isTrue();
    }

    private static JobStartedEvent job(String id, JobType type, LocalDate startedOn, boolean existing) {
        return new JobStartedEvent(id, "c", Region.LAPPI, startedOn, type, null, null, null, existing);
    }

    private void happened(JourneyEvent event) {
        journey.add(new ReceivedEvent("e" + journey.size(), EventType.of(event),
                Instant.parse("2022-05-01T00:00:00Z").plusSeconds(journey.size()), event));
    }
}
