package fi.ips.imports.journey;

import fi.ips.events.Region;
import fi.ips.imports.row.JourneyRow;
import fi.ips.imports.row.RowProblem;

import java.util.Optional;

/** Where a row goes: the referral and placement services' APIs (a fake of its own in tests). */
public interface JourneyApi {

    /**
     * Submits one row as its service's API call. The same row again is a success that stores nothing
     * new: the services treat a repeated submission so.
     *
     * @return empty when the event is stored (or was already), else the rule the service refused it by
     * @throws ServiceUnavailableException when the service cannot answer now: the row is to be tried again
     * @throws NotAuthorisedException when the service refuses this import service itself
     */
    Optional<RowProblem> submit(Region region, JourneyRow row, String correlationId);

    /** The service cannot take the row now (down, overloaded, timed out). */
    class ServiceUnavailableException extends RuntimeException {
        public ServiceUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The service refuses the import service's own identity: no row can go through until that is fixed. */
    class NotAuthorisedException extends RuntimeException {
        public NotAuthorisedException(String message) {
            super(message);
        }
    }
}
