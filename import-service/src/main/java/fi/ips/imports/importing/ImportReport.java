package fi.ips.imports.importing;

import fi.ips.imports.row.RowProblem;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What became of an import: its rows so far, accepted and refused, and why each refused row was
 * refused (the first {@value ImportStore#PROBLEMS_SHOWN} problems by row number; {@code moreProblems}
 * counts the rest).
 *
 * @param rows      rows read from the file so far (all of them once it is received)
 * @param processed rows accepted or refused so far: {@code processed / rows} is the progress
 * @param accepted  rows stored (or already stored by an earlier import); in a dry run, rows that passed the checks
 * @param alreadyStored of the accepted rows, those whose event was stored before this import (the same rows
 *                  imported again): nothing new was stored for them
 * @param waitingFor   what the import waits for, while it does: a service that does not take its rows (while
 *                     SUBMITTING), or its turn (while QUEUED, with what the imports queued before it wait for)
 * @param waitingSince since when a service has not taken the rows, in the failures since the last batch it took
 *                     (this import's, or the imports' queued before a queued one)
 * @param failure   why the import stopped, when its status is FAILED
 */
record ImportReport(UUID id, String region, boolean dryRun, ImportStatus status, long rows, long processed,
                    long accepted, long alreadyStored, long refused, String waitingFor, Instant waitingSince, String failure, List<RowProblem> problems, long moreProblems,
                    Instant receivedAt, Instant finishedAt) {

    ImportReport waiting(String reason, Instant since) {
        return new ImportReport(id, region, dryRun, status, rows, processed, accepted, alreadyStored, refused, reason, since, failure,
                problems, moreProblems, receivedAt, finishedAt);
    }
}
