package fi.ips.events;

import java.time.LocalDate;

/**
 * The referral was declined: the client does not start in the service.
 */
public record ReferralDeclinedEvent(
        String clientId,
        Region region,
        LocalDate declinedOn,
        DeclineReason reason,
        int schemaVersion) implements EnrolmentEvent {

    public ReferralDeclinedEvent(String clientId, Region region, LocalDate declinedOn, DeclineReason reason) {
        this(clientId, region, declinedOn, reason, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return declinedOn;
    }
}
