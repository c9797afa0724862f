package fi.ips.events;

import java.time.LocalDate;

/**
 * Correction: the referral date was wrong; {@code referredOn} is the right one.
 */
public record ReferralDateCorrectedEvent(
        String clientId,
        Region region,
        LocalDate referredOn,
        int schemaVersion) implements EnrolmentEvent {

    public ReferralDateCorrectedEvent(String clientId, Region region, LocalDate referredOn) {
        this(clientId, region, referredOn, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return referredOn;
    }
}
