package fi.ips.events;

import java.time.LocalDate;

/**
 * What every event of the platform carries: a client's journey ({@link JourneyEvent}) or a
 * county's fidelity review ({@link FidelityEvent}). Events never hold names, personal identity
 * codes or free text about health.
 */
public sealed interface IpsEvent permits JourneyEvent, FidelityEvent {

    /**
     * The first schema version of every type. A type grows by additive changes only, each a new
     * schema version (see {@link SinceSchemaVersion}); its CloudEvents type name stays the same.
     */
    int INITIAL_SCHEMA_VERSION = 1;

    Region region();

    /** The day it happened in the real world (event time), not the day it was submitted. */
    LocalDate occurredOn();

    /** The version of this event's JSON schema ({@link EventType#schemaVersion()} for new events). */
    int schemaVersion();

    /**
     * What the event is about, its record key on Kafka and its CloudEvents subject: events with the
     * same subject keep their order.
     */
    String subject();
}
