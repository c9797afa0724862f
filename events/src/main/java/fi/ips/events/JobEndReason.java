package fi.ips.events;

/** Why a job ended. */
public enum JobEndReason {
    CONTRACT_ENDED,
    RESIGNED,
    DISMISSED,
    HEALTH,
    OTHER
}
