package fi.ips.events;

/** An event of one study placement (opinnot). */
public sealed interface StudiesEvent extends PlacementEvent permits
        StudiesStartedEvent, StudiesEndedEvent, StudiesVoidedEvent, StudiesStartDateCorrectedEvent,
        StudiesEndDateCorrectedEvent {

    String studyId();

    @Override
    default String placementId() {
        return studyId();
    }
}
