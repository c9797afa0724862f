package fi.ips.events;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventTypeTest {

    @Test
    void everyEventRecordHasExactlyOneType() {
        List<Class<?>> records = new ArrayList<>();
        collectRecords(JourneyEvent.class, records);

        assertThat(records).hasSize(EventType.values().length);
        for (Class<?> record : records) {
            assertThat(EventType.values()).filteredOn(t -> t.eventClass() == record).hasSize(1);
        }
    }

    @Test
    void typesNameTheirSchemaVersionAndResolveBack() {
        assertThat(EventType.AGREEMENT_SIGNED.ceType()).isEqualTo("fi.ips.agreement.signed.v1");
        for (EventType type : EventType.values()) {
            assertThat(type.ceType()).startsWith("fi.ips.").endsWith(".v1");
            assertThat(EventType.ofCeType(type.ceType())).contains(type);
        }
        assertThat(EventType.ofCeType("fi.ips.unknown.v1")).isEmpty();
    }

    @Test
    void enrolmentEventsGoToReferralsTopicAndPlacementsToPlacements() {
        assertThat(EventType.AGREEMENT_SIGNED.topic()).isEqualTo("ips.referrals.v1");
        assertThat(EventType.REFERRAL_VOIDED.topic()).isEqualTo("ips.referrals.v1");
        assertThat(EventType.JOB_STARTED.topic()).isEqualTo("ips.placements.v1");
        assertThat(EventType.STUDIES_ENDED.topic()).isEqualTo("ips.placements.v1");
    }

    @Test
    void eventsCarryClientRegionEventDateAndSchemaVersion() {
        var signed = new AgreementSignedEvent("c-1", Region.LAPPI, java.time.LocalDate.of(2022, 4, 1));
        assertThat(signed.occurredOn()).isEqualTo(signed.signedOn());
        assertThat(signed.schemaVersion()).isEqualTo(1);
        assertThat(EventType.of(signed)).isEqualTo(EventType.AGREEMENT_SIGNED);

        var job = new JobStartedEvent("j-1", "c-1", Region.LAPPI, java.time.LocalDate.of(2022, 5, 2),
                JobType.PAID_OPEN_MARKET, null, null, null, false);
        assertThat(job.placementId()).isEqualTo("j-1");
        assertThat(job.occurredOn()).isEqualTo(job.startedOn());
    }

    private static void collectRecords(Class<?> type, List<Class<?>> into) {
        if (type.isRecord()) {
            into.add(type);
            return;
        }
        for (Class<?> sub : type.getPermittedSubclasses()) {
            collectRecords(sub, into);
        }
    }
}
