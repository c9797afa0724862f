package fi.ips.support.eventstore;

import fi.ips.support.problem.ProblemResponses;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Axon's own refusals as problem+json: a command for an unknown aggregate is 404, and a conflict
 * that remained after the gateway's retries is 409 (never a 5xx).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommandProblemsAdvice {

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(of(e));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> conflict(ConcurrencyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(of(e));
    }

    /** The answer to one of Axon's refusals, or null for any other exception. */
    static ProblemDetail of(Exception e) {
        if (e instanceof AggregateNotFoundException) {
            return ProblemResponses.problem(HttpStatus.NOT_FOUND, "not-found", "No record with this id");
        }
        if (e instanceof ConcurrencyException) {
            return ProblemResponses.problem(HttpStatus.CONFLICT, "concurrent-change", "The record was changed by another request at the same time; retry");
        }
        return null;
    }
}
