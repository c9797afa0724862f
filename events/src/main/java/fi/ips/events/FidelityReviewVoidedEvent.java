package fi.ips.events;

import java.time.LocalDate;

/** Correction: the review was entered by mistake (a wrong day, a wrong county); it counts nowhere. */
public record FidelityReviewVoidedEvent(
        Region region,
        LocalDate reviewedOn,
        int revision,
        LocalDate voidedOn,
        int schemaVersion) implements FidelityEvent {

    public FidelityReviewVoidedEvent(Region region, LocalDate reviewedOn, int revision, LocalDate voidedOn) {
        this(region, reviewedOn, revision, voidedOn, INITIAL_SCHEMA_VERSION);
    }

    @Override
    public LocalDate occurredOn() {
        return voidedOn;
    }
}
