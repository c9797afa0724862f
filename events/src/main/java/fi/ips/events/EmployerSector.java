package fi.ips.events;

/** The employer's sector. */
public enum EmployerSector {
    PRIVATE,
    PUBLIC,
    THIRD_SECTOR
}
