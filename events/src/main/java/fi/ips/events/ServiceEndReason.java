package fi.ips.events;

/** Why the IPS service ended. */
public enum ServiceEndReason {
    GOAL_ACHIEVED,
    CLIENT_DECISION,
    MOVED_AWAY,
    NO_CONTACT,
    OTHER
}
