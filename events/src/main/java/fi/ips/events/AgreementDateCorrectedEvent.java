package fi.ips.events;

import java.time.LocalDate;

/**
 * Correction: the agreement date was wrong; {@code signedOn} is the right one.
 */
public record AgreementDateCorrectedEvent(
        String clientId,
        Region region,
        LocalDate signedOn,
        int schemaVersion) implements EnrolmentEvent {

    public AgreementDateCorrectedEvent(String clientId, Region region, LocalDate signedOn) {
        this(clientId, region, signedOn, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return signedOn;
    }
}
