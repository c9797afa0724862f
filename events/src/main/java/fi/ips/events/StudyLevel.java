package fi.ips.events;

/** The level of studies. */
public enum StudyLevel {
    VOCATIONAL,
    HIGHER,
    GENERAL,
    OTHER
}
