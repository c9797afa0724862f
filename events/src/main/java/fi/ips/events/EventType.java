package fi.ips.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type of the contract: its CloudEvents type ({@code ce_type}), its Java record and
 * the topic that carries it. A type name ends in {@code .v1}: additive changes keep the name and
 * raise the type's {@link #schemaVersion() schema version}; a change that is not additive gets a
 * new type name ({@code .v2}), and the old one is kept for a deprecation period.
 */
public enum EventType {
    CLIENT_REFERRED("fi.ips.client.referred", ClientReferredEvent.class),
    REFERRAL_DECLINED("fi.ips.referral.declined", ReferralDeclinedEvent.class),
    REFERRAL_WITHDRAWN("fi.ips.referral.withdrawn", ReferralWithdrawnEvent.class),
    AGREEMENT_SIGNED("fi.ips.agreement.signed", AgreementSignedEvent.class),
    SERVICE_ENDED("fi.ips.service.ended", ServiceEndedEvent.class),
    REFERRAL_VOIDED("fi.ips.referral.voided", ReferralVoidedEvent.class),
    REFERRAL_DATE_CORRECTED("fi.ips.referral.date-corrected", ReferralDateCorrectedEvent.class),
    AGREEMENT_DATE_CORRECTED("fi.ips.agreement.date-corrected", AgreementDateCorrectedEvent.class),
    SERVICE_END_DATE_CORRECTED("fi.ips.service.end-date-corrected", ServiceEndDateCorrectedEvent.class),
    JOB_STARTED("fi.ips.job.started", JobStartedEvent.class),
    JOB_ENDED("fi.ips.job.ended", JobEndedEvent.class),
    JOB_VOIDED("fi.ips.job.voided", JobVoidedEvent.class),
    JOB_START_DATE_CORRECTED("fi.ips.job.start-date-corrected", JobStartDateCorrectedEvent.class),
    JOB_END_DATE_CORRECTED("fi.ips.job.end-date-corrected", JobEndDateCorrectedEvent.class),
    STUDIES_STARTED("fi.ips.studies.started", StudiesStartedEvent.class),
    STUDIES_ENDED("fi.ips.studies.ended", StudiesEndedEvent.class),
    STUDIES_VOIDED("fi.ips.studies.voided", StudiesVoidedEvent.class),
    STUDIES_START_DATE_CORRECTED("fi.ips.studies.start-date-corrected", StudiesStartDateCorrectedEvent.class),
    STUDIES_END_DATE_CORRECTED("fi.ips.studies.end-date-corrected", StudiesEndDateCorrectedEvent.class),
    FIDELITY_REVIEWED("fi.ips.fidelity.reviewed", FidelityReviewedEvent.class),
    FIDELITY_REVIEW_VOIDED("fi.ips.fidelity.review-voided", FidelityReviewVoidedEvent.class);

    private static final Map<String, EventType> BY_CE_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::eventClass, Function.identity()));

    private final String ceType;
    private final Class<? extends IpsEvent> eventClass;
    private final int schemaVersion;

    EventType(String name, Class<? extends IpsEvent> eventClass) {
        this.ceType = name + ".v1";
        this.eventClass = eventClass;
        // Read once: the event store asks for it with every event it stores (as the event's revision).
        this.schemaVersion = Arrays.stream(eventClass.getRecordComponents())
                .map(component -> component.getAnnotation(SinceSchemaVersion.class))
                .filter(Objects::nonNull)
                .mapToInt(SinceSchemaVersion::value)
                .max().orElse(IpsEvent.INITIAL_SCHEMA_VERSION);
    }

    /** The CloudEvents type, e.g. {@code fi.ips.agreement.signed.v1}. */
    public String ceType() {
        return ceType;
    }

    public Class<? extends IpsEvent> eventClass() {
        return eventClass;
    }

    /** The current schema version of this type: the highest {@link SinceSchemaVersion} of its fields. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** The type of an event record class, if it is one of the contract's. */
    public static Optional<EventType> ofClass(Class<?> eventClass) {
        return Optional.ofNullable(BY_CLASS.get(eventClass));
    }

    /** The topic that carries this type. */
    public String topic() {
        if (EnrolmentEvent.class.isAssignableFrom(eventClass)) {
            return Topics.REFERRALS;
        }
        if (PlacementEvent.class.isAssignableFrom(eventClass)) {
            return Topics.PLACEMENTS;
        }
        if (FidelityEvent.class.isAssignableFrom(eventClass)) {
            return Topics.FIDELITY;
        }
        throw new IllegalStateException("no topic for " + eventClass.getSimpleName() + ": add one to EventType.topic()");
    }

    public static EventType of(IpsEvent event) {
        return BY_CLASS.get(event.getClass());
    }

    /** The type of a CloudEvents type name; empty for null or a name not in the contract. */
    public static Optional<EventType> ofCeType(String ceType) {
        return ceType == null ? Optional.empty() : Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }
}
