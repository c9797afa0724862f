package fi.ips.events;

import java.time.LocalDate;

/**
 * The client and the job coach signed the cooperation agreement (yhteistyösopimus): the client is on the caseload.
 */
public record AgreementSignedEvent(
        String clientId,
        Region region,
        LocalDate signedOn,
        int schemaVersion) implements EnrolmentEvent {

    public AgreementSignedEvent(String clientId, Region region, LocalDate signedOn) {
        this(clientId, region, signedOn, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return signedOn;
    }
}
