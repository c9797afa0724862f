package fi.ips.support.problem;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem+json for every error a service answers. Validation problems name each field and
 * the rule it broke; rejected values are never echoed or logged (they may be personal data).
 */
@RestControllerAdvice
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final RefusedSubmissions refusals;

    public ProblemDetailsAdvice(ObjectProvider<MeterRegistry> meters) {
        this.refusals = new RefusedSubmissions(meters);
    }

    @ExceptionHandler(RuleViolationException.class)
    ResponseEntity<ProblemDetail> ruleViolation(RuleViolationException e) {
        refusals.count(e.rule());
        return ResponseEntity.status(e.status()).body(ProblemResponses.ruleViolation(e));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> ProblemResponses.fieldError(error.getField(), error.getCode(), error.getDefaultMessage()))
                .toList();
        refusals.count("validation");
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(ProblemResponses.invalidFields(errors));
    }

    /**
     * A request parameter out of its bounds ({@code @Max(500) int size} on a {@code @Validated} controller),
     * in the order of the parameters' names. (Every servlet service has Jakarta Validation: its bodies are {@code @Valid}.)
     */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(ConstraintViolationException e) {
        refusals.count("validation");
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .body(ProblemResponses.invalidFields(e.getConstraintViolations().stream().map(ProblemResponses::fieldError)
                        .sorted(Comparator.comparing((Map<String, String> error) -> error.get("field")).thenComparing(error -> error.get("rule")))
                        .toList()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemResponses.unreadable(e.getCause());
        refusals.count(String.valueOf(problem.getProperties().get("rule")));
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        String expected = ProblemResponses.expectedParameter(e.getRequiredType());
        return fieldProblem(field, "format", "'" + field + "' has a value of the wrong type or format"
                + (expected == null ? "" : ": it must be " + expected));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e, HttpHeaders headers,
                                                                          HttpStatusCode status, WebRequest request) {
        return fieldProblem(e.getParameterName(), "required", "'" + e.getParameterName() + "' is required");
    }

    /** Every other problem Spring MVC answers itself (405, 415, …) gets a rule too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers, HttpStatusCode status,
                                                             WebRequest request) {
        // Spring passes no body for some (415, 405): the exception's own, made here, so that it gets its rule.
        if (body == null && e instanceof ErrorResponse response) {
            body = response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail problem && (problem.getProperties() == null || !problem.getProperties().containsKey("rule"))) {
            problem.setType(URI.create(ProblemResponses.TYPE_BASE + "http-" + status.value()));
            problem.setProperty("rule", "http-" + status.value());
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private static ResponseEntity<Object> fieldProblem(String field, String rule, String detail) {
        return ResponseEntity.badRequest().body(ProblemResponses.fieldProblem(HttpStatus.BAD_REQUEST, field, rule, detail));
    }

    /** Thrown by method security ({@code @PreAuthorize}) once the caller is known. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(problem(HttpStatus.FORBIDDEN, "role-required", "These credentials may not do this"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (ProblemResponses.isStorageOutage(e)) {
            // An outage, not a bug: the transaction rolled back, and the caller may retry.
            log.warn("Storage unreachable: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, ProblemResponses.RETRY_AFTER_SECONDS)
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemResponses.STORAGE_UNAVAILABLE_RULE, ProblemResponses.STORAGE_UNAVAILABLE));
        }
        log.error("Unexpected error", e);
        return ResponseEntity.internalServerError()
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "An unexpected error occurred; nothing was stored"));
    }

    private static ProblemDetail problem(HttpStatusCode status, String rule, String detail) {
        return ProblemResponses.problem(status, rule, detail);
    }
}
