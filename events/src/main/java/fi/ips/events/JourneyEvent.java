package fi.ips.events;

/** An event of a client's journey. Client ids are pseudonymous. */
public sealed interface JourneyEvent extends IpsEvent permits EnrolmentEvent, PlacementEvent {

    String clientId();

    /** The client: a client's events keep their order. */
    @Override
    default String subject() {
        return clientId();
    }
}
