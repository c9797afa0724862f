package fi.ips.events;

import org.jspecify.annotations.Nullable;

import java.time.LocalDate;

/**
 * A client was referred to IPS (lähete) by care staff or by themself.
 *
 * @param ageGroup null when not given
 */
public record ClientReferredEvent(
        String clientId,
        Region region,
        LocalDate referredOn,
        ReferralSource source,
        @Nullable AgeGroup ageGroup,
        int schemaVersion) implements EnrolmentEvent {

    public ClientReferredEvent(String clientId, Region region, LocalDate referredOn, ReferralSource source, AgeGroup ageGroup) {
        this(clientId, region, referredOn, source, ageGroup, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return referredOn;
    }
}
