package fi.ips.outcomes.kpi;

import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.EventType;
import fi.ips.events.JobStartedEvent;
import fi.ips.events.JobType;
import fi.ips.events.JourneyEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.ReferralVoidedEvent;
import fi.ips.events.Region;
import fi.ips.outcomes.journey.JourneySummary;
import fi.ips.outcomes.journey.JourneySummary.Job;
import fi.ips.support.kafka.ReceivedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * THL's figure for the end of April 2022, all pilot counties: 401 clients with a signed agreement,
 * 133 employed, an employment rate of 33 %. The journeys are made up and told as events; the numbers are THL's. Around
 * them are what must not count: later agreements and jobs, unpaid work, jobs held before the
 * agreement, voided clients.
 */
class ThlApril2022Test {

    private static final LocalDate END_OF_APRIL_2022 = LocalDate.of(2022, 4, 30);
    /** The pilot counties: Etelä-Pohjanmaa, Lappi, Pohjois-Karjala, Uusimaa (HUS, here Keski-Uusimaa) and Helsinki. */
    private static final Region[] PILOTS = {Region.ETELA_POHJANMAA, Region.LAPPI, Region.POHJOIS_KARJALA, Region.KESKI_UUSIMAA, Region.HELSINKI};
    private static final int[] AGREEMENTS = {92, 78, 85, 70, 76};
    private static final int[] EMPLOYED = {31, 25, 29, 22, 26};

    @Test
    void fourHundredAndOneAgreementsAndOneHundredAndThirtyThreeEmployedGiveThirtyThreePercent() {
        List<JourneySummary> journeys = new ArrayList<>();
        int client = 0;
        for (JourneySummary journey : thlJourneys()) {
            journeys.add(JourneySummary.of(events("thl-" + client++, journey)));
        }

        OutcomeFigures national = KpiCalculator.figures(null, "Koko maa", END_OF_APRIL_2022, journeys);

        assertThat(national.agreements()).isEqualTo(401);
        assertThat(national.employed()).isEqualTo(133);
        assertThat(national.employmentRate()).isCloseTo(0.332, within(0.0005));
        for (int i = 0; i < PILOTS.length; i++) {
            Region region = PILOTS[i];
            OutcomeFigures regional = KpiCalculator.figures(region.code(), region.nameFi(), END_OF_APRIL_2022,
                    journeys.stream().filter(j -> j.region() == region).toList());
            assertThat(regional.agreements()).isEqualTo(AGREEMENTS[i]);
            assertThat(regional.employed()).isEqualTo(EMPLOYED[i]);
        }
    }

    /** The journeys: each client's referral, agreement and jobs. */
    private static List<JourneySummary> thlJourneys() {
        Random random = new Random(2022);
        List<JourneySummary> journeys = new ArrayList<>();
        for (int i = 0; i < PILOTS.length; i++) {
            for (int n = 0; n < AGREEMENTS[i]; n++) {
                LocalDate signed = LocalDate.of(2020, 9, 1).plusDays(random.nextInt(600));
                List<Job> jobs = new ArrayList<>();
                if (n < EMPLOYED[i]) {
                    jobs.add(job(JobType.values()[random.nextInt(2)], signed.plusDays(random.nextInt((int) (END_OF_APRIL_2022.toEpochDay() - signed.toEpochDay()) + 1))));
                } else if (n % 3 == 0) {
                    jobs.add(job(JobType.WORK_TRIAL, signed.plusDays(random.nextInt(30))));
                } else if (n % 3 == 1) {
                    jobs.add(job(JobType.PAID_OPEN_MARKET, signed.minusDays(1 + random.nextInt(300))));
                } else {
                    jobs.add(job(JobType.PAID_OPEN_MARKET, END_OF_APRIL_2022.plusDays(1 + random.nextInt(60))));
                }
                journeys.add(new JourneySummary(PILOTS[i], false, signed.minusDays(random.nextInt(40)), signed, null, jobs, List.of()));
            }
            journeys.add(new JourneySummary(PILOTS[i], false, LocalDate.of(2022, 5, 2), LocalDate.of(2022, 5, 3), null,
                    List.of(job(JobType.PAID_OPEN_MARKET, LocalDate.of(2022, 5, 9))), List.of()));
            journeys.add(new JourneySummary(PILOTS[i], true, LocalDate.of(2021, 5, 2), LocalDate.of(2021, 5, 3), null,
                    List.of(job(JobType.PAID_OPEN_MARKET, LocalDate.of(2021, 6, 9))), List.of()));
            journeys.add(new JourneySummary(PILOTS[i], false, LocalDate.of(2022, 4, 20), null, null, List.of(), List.of()));
        }
        return journeys;
    }

    /** The events that tell the journey, as the services publish them. */
    private static List<ReceivedEvent> events(String clientId, JourneySummary journey) {
        List<JourneyEvent> events = new ArrayList<>();
        events.add(new ClientReferredEvent(clientId, journey.region(), journey.referredOn(), ReferralSource.PSYCHIATRIC_OUTPATIENT_CARE, null));
        if (journey.agreementSignedOn() != null) {
            events.add(new AgreementSignedEvent(clientId, journey.region(), journey.agreementSignedOn()));
        }
        for (Job job : journey.jobs()) {
            events.add(new JobStartedEvent(job.jobId(), clientId, journey.region(), job.startedOn(), job.type(), null, null, null,
                    journey.agreementSignedOn() != null && job.startedOn().isBefore(journey.agreementSignedOn()), null));
        }
        if (journey.voided()) {
            events.add(new ReferralVoidedEvent(clientId, journey.region(), journey.referredOn()));
        }
        List<ReceivedEvent> received = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            received.add(new ReceivedEvent(clientId + "-" + i, EventType.of(events.get(i)),
                    Instant.parse("2022-05-01T00:00:00Z").plusSeconds(i), events.get(i)));
        }
        return received;
    }

    private static Job job(JobType type, LocalDate startedOn) {
        return new Job("j-" + UUID.randomUUID(), type, startedOn, null, null);
    }
}
