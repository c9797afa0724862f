package fi.ips.events;

import java.time.LocalDate;

/**
 * What every event of a client's journey carries. Client ids are pseudonymous; events never hold
 * names, personal identity codes or free text about health.
 */
public sealed interface JourneyEvent permits EnrolmentEvent, PlacementEvent {

    /**
     * The first schema version of every type. A type grows by additive changes only, each a new
     * schema version (see {@link SinceSchemaVersion}); its CloudEvents type name stays the same.
     */
    int INITIAL_SCHEMA_VERSION = 1;

    String clientId();

    Region region();

    /** The day it happened in the real world (event time), not the day it was submitted. */
    LocalDate occurredOn();

    /** The version of this event's JSON schema ({@link EventType#schemaVersion()} for new events). */
    int schemaVersion();
}
