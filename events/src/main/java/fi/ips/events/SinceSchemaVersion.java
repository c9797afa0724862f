package fi.ips.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The schema version that added a field to an event. Such a field is always optional: events
 * stored before it are read without it, and consumers of the earlier version ignore it. The
 * type's schema version is the highest of its fields' ({@link EventType#schemaVersion()}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface SinceSchemaVersion {

    int value();
}
