package fi.ips.events;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventTypeTest {

    @Test
    void everyEventRecordHasExactlyOneType() {
        List<Class<?>> records = new ArrayList<>();
        collectRecords(IpsEvent.class, records);

        assertThat(records).hasSize(EventType.values().length);
        for (Class<?> record : records) {
            assertThat(EventType.values()).filteredOn(t -> t.eventClass() == record).hasSize(1);
        }
    }

    @Test
    void typeNamesKeepTheirV1WhenTheSchemaVersionIsRaisedAndResolveBack() {
        assertThat(EventType.AGREEMENT_SIGNED.ceType()).isEqualTo("fi.ips.agreement.signed.v1");
        // An additive change raises the schema version but keeps the name: JOB_STARTED is at schema version 2
        // and is still named .v1 (only a change that is not additive would get a new .v2 name).
        assertThat(EventType.JOB_STARTED.schemaVersion()).isEqualTo(2);
        assertThat(EventType.JOB_STARTED.ceType()).isEqualTo("fi.ips.job.started.v1");
        assertThat(EventType.ofCeType("fi.ips.job.started.v2")).isEmpty();
        for (EventType type : EventType.values()) {
            assertThat(type.ceType()).as(type.name()).startsWith("fi.ips.").endsWith(".v1");
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
        assertThat(EventType.FIDELITY_REVIEWED.topic()).isEqualTo("ips.fidelity.v1");
        assertThat(EventType.FIDELITY_REVIEW_VOIDED.topic()).isEqualTo("ips.fidelity.v1");
        assertThat(Topics.ALL).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(EventType.values()).map(EventType::topic).distinct().toList());
    }

    @Test
    void aJourneysEventsAreKeyedByTheClientAndAReviewsByItsRegion() {
        assertThat(new AgreementSignedEvent("c-1", Region.LAPPI, java.time.LocalDate.of(2022, 4, 1)).subject()).isEqualTo("c-1");
        var reviewed = new FidelityReviewedEvent(Region.KESKI_POHJANMAA, java.time.LocalDate.of(2024, 3, 14), 1, 108, null);
        assertThat(reviewed.subject()).isEqualTo("18");
        assertThat(reviewed.occurredOn()).isEqualTo(reviewed.reviewedOn());
        assertThat(new FidelityReviewVoidedEvent(Region.KESKI_POHJANMAA, reviewed.reviewedOn(), 2, java.time.LocalDate.of(2024, 4, 2))
                .occurredOn()).isEqualTo(java.time.LocalDate.of(2024, 4, 2));
    }

    @Test
    void eventsCarryClientRegionEventDateAndSchemaVersion() {
        var signed = new AgreementSignedEvent("c-1", Region.LAPPI, java.time.LocalDate.of(2022, 4, 1));
        assertThat(signed.occurredOn()).isEqualTo(signed.signedOn());
        assertThat(signed.schemaVersion()).isEqualTo(1);
        assertThat(EventType.of(signed)).isEqualTo(EventType.AGREEMENT_SIGNED);

        var job = new JobStartedEvent("j-1", "c-1", Region.LAPPI, java.time.LocalDate.of(2022, 5, 2),
                JobType.PAID_OPEN_MARKET, null, null, null, false, null);
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

    @Test
    void newEventsCarryTheirTypesSchemaVersionAndFieldsAddedLaterAreOptional() throws ReflectiveOperationException {
        assertThat(EventType.JOB_STARTED.schemaVersion()).isEqualTo(2);
        assertThat(EventType.JOB_ENDED.schemaVersion()).isEqualTo(IpsEvent.INITIAL_SCHEMA_VERSION);
        for (EventType type : EventType.values()) {
            java.lang.reflect.RecordComponent[] components = type.eventClass().getRecordComponents();
            Class<?>[] withoutVersion = java.util.Arrays.stream(components).limit(components.length - 1)
                    .map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new);
            Object[] values = java.util.Arrays.stream(components).limit(components.length - 1)
                    .map(c -> AsyncApiContract.exampleValue(c.getName(), c.getType())).toArray();
            IpsEvent event = type.eventClass().getConstructor(withoutVersion).newInstance(values);
            assertThat(event.schemaVersion()).as(type.ceType()).isEqualTo(type.schemaVersion());
            for (java.lang.reflect.RecordComponent component : components) {
                if (component.isAnnotationPresent(SinceSchemaVersion.class)) {
                    assertThat(component.getAnnotatedType().isAnnotationPresent(org.jspecify.annotations.Nullable.class))
                            .as(type.ceType() + "." + component.getName() + " was added later, so it must be @Nullable").isTrue();
                }
            }
        }
    }
}
