package fi.ips.imports.importing;

/** Where an import is. */
enum ImportStatus {
    /** The file is being read and its rows checked. */
    RECEIVING,
    /** Received, and waiting for imports before it to finish: a few run at a time ({@code ips.imports.at-once}). */
    QUEUED,
    /** Rows are being submitted, a round of clients at a time. */
    SUBMITTING,
    /** Every row is accepted or refused. */
    COMPLETED,
    /** Stopped before every row was submitted: {@code failure} says why. */
    FAILED
}
