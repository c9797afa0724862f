package fi.ips.events;

import java.time.LocalDate;

/**
 * What every event of a client's journey carries. Client ids are pseudonymous; events never hold
 * names, personal identity codes or free text about health.
 */
public sealed interface JourneyEvent permits EnrolmentEvent, PlacementEvent {

    /** The version of this event's JSON schema; also the suffix of its CloudEvents type. */
    int CURRENT_SCHEMA_VERSION = 1;

    String clientId();

    Region region();

    /** The day it happened in the real world (event time), not the day it was submitted. */
    LocalDate occurredOn();

    int schemaVersion();
}
