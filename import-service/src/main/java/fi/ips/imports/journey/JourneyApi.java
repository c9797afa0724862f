package fi.ips.imports.journey;

import fi.ips.events.Region;
import fi.ips.imports.row.JourneyRow;
import fi.ips.imports.row.RowProblem;

import java.util.List;

/** Where rows go: the referral and placement services' batch APIs (a fake of its own in tests). */
public interface JourneyApi {

    /**
     * Submits rows as their services' operations, each service's in the order given. A row submitted
     * again is a success that stores nothing new: the services treat a repeated submission so, which
     * is what makes trying all the rows again after an outage safe.
     *
     * @param correlationId names the request in the services' logs
     * @param batchKey      names the submission the rows belong to (the import, its step and pass): the
     *                      same rows sent again under the same name (a retry, an import resumed after a
     *                      restart) are answered as the first time, for a day
     * @return each row's answer, in the rows' order
     * @throws ServiceUnavailableException when a service cannot answer now: the rows are to be tried again
     * @throws NotAuthorisedException when a service refuses this import service itself
     */
    List<RowAnswer> submit(Region region, List<JourneyRow> rows, String correlationId, String batchKey);

    /** A row's answer: its event stored, now or by an earlier submission ({@code alreadyStored}), or refused by a rule. */
    record RowAnswer(RowProblem problem, boolean alreadyStored) {

        public static RowAnswer stored(boolean alreadyStored) {
            return new RowAnswer(null, alreadyStored);
        }

        public static RowAnswer refused(RowProblem problem) {
            return new RowAnswer(problem, false);
        }

        public boolean accepted() {
            return problem == null;
        }
    }

    /**
     * A service cannot take the rows now (down, overloaded, timed out). The message is what the import
     * waits for, as its report shows the county: the service, not its address; the cause is for the log.
     */
    class ServiceUnavailableException extends RuntimeException {
        public ServiceUnavailableException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** A service refuses the import service's own identity: no row can go through until that is fixed. */
    class NotAuthorisedException extends RuntimeException {
        public NotAuthorisedException(String message) {
            super(message);
        }
    }
}
