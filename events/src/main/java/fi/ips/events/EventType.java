package fi.ips.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type of the contract: its CloudEvents type ({@code ce_type}), its Java record and
 * the topic that carries it. A type name ends in its schema version; a change that is not
 * additive gets a new type name.
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
    STUDIES_END_DATE_CORRECTED("fi.ips.studies.end-date-corrected", StudiesEndDateCorrectedEvent.class);

    private static final Map<String, EventType> BY_CE_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::eventClass, Function.identity()));

    private final String ceType;
    private final Class<? extends JourneyEvent> eventClass;

    EventType(String name, Class<? extends JourneyEvent> eventClass) {
        this.ceType = name + ".v" + JourneyEvent.CURRENT_SCHEMA_VERSION;
        this.eventClass = eventClass;
    }

    /** The CloudEvents type, e.g. {@code fi.ips.agreement.signed.v1}. */
    public String ceType() {
        return ceType;
    }

    public Class<? extends JourneyEvent> eventClass() {
        return eventClass;
    }

    /** The topic that carries this type. */
    public String topic() {
        return EnrolmentEvent.class.isAssignableFrom(eventClass) ? Topics.REFERRALS : Topics.PLACEMENTS;
    }

    public static EventType of(JourneyEvent event) {
        return BY_CLASS.get(event.getClass());
    }

    public static Optional<EventType> ofCeType(String ceType) {
        return Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }
}
