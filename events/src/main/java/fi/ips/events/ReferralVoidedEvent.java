package fi.ips.events;

import java.time.LocalDate;

/**
 * Correction: the referral was entered by mistake; the client counts nowhere.
 */
public record ReferralVoidedEvent(
        String clientId,
        Region region,
        LocalDate voidedOn,
        int schemaVersion) implements EnrolmentEvent {

    public ReferralVoidedEvent(String clientId, Region region, LocalDate voidedOn) {
        this(clientId, region, voidedOn, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return voidedOn;
    }
}
