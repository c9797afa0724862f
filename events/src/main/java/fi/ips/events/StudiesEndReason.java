package fi.ips.events;

/** Why studies ended. */
public enum StudiesEndReason {
    COMPLETED,
    INTERRUPTED,
    OTHER
}
