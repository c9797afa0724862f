package fi.ips.imports.journey;

import fi.ips.events.Region;
import fi.ips.imports.row.JourneyRow;
import fi.ips.imports.row.RowProblem;

import java.util.List;
import java.util.Optional;

/** Where rows go: the referral and placement services' batch APIs (a fake of its own in tests). */
public interface JourneyApi {

    /**
     * Submits rows as their services' operations, each service's in the order given. A row submitted
     * again is a success that stores nothing new: the services treat a repeated submission so, which
     * is what makes trying all the rows again after an outage safe.
     *
     * @return each row's outcome, in the rows' order: empty when the event is stored (or was already),
     * else the rule the service refused it by
     * @throws ServiceUnavailableException when a service cannot answer now: the rows are to be tried again
     * @throws NotAuthorisedException when a service refuses this import service itself
     */
    List<Optional<RowProblem>> submit(Region region, List<JourneyRow> rows, String correlationId);

    /** A service cannot take the rows now (down, overloaded, timed out). */
    class ServiceUnavailableException extends RuntimeException {
        public ServiceUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A service refuses the import service's own identity: no row can go through until that is fixed. */
    class NotAuthorisedException extends RuntimeException {
        public NotAuthorisedException(String message) {
            super(message);
        }
    }
}
