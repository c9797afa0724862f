package fi.ips.events;

import java.time.LocalDate;

/**
 * The client withdrew before signing the agreement.
 */
public record ReferralWithdrawnEvent(
        String clientId,
        Region region,
        LocalDate withdrawnOn,
        int schemaVersion) implements EnrolmentEvent {

    public ReferralWithdrawnEvent(String clientId, Region region, LocalDate withdrawnOn) {
        this(clientId, region, withdrawnOn, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return withdrawnOn;
    }
}
