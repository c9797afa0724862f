package fi.ips.support.problem;

import org.springframework.http.HttpStatus;

/**
 * A business rule that a request broke. Answered as problem+json naming the rule (and the field,
 * where one field is to blame); nothing was stored.
 */
public class RuleViolationException extends RuntimeException {

    private final HttpStatus status;
    private final String rule;
    private final String field;

    public RuleViolationException(HttpStatus status, String rule, String field, String detail) {
        super(detail);
        this.status = status;
        this.rule = rule;
        this.field = field;
    }

    /** 409: the request conflicts with what is already stored. */
    public static RuleViolationException conflict(String rule, String field, String detail) {
        return new RuleViolationException(HttpStatus.CONFLICT, rule, field, detail);
    }

    /** 422: the request is well-formed but breaks a rule of the domain. */
    public static RuleViolationException unprocessable(String rule, String field, String detail) {
        return new RuleViolationException(HttpStatus.UNPROCESSABLE_CONTENT, rule, field, detail);
    }

    /** 403: the caller is known but may not do this. */
    public static RuleViolationException forbidden(String rule, String field, String detail) {
        return new RuleViolationException(HttpStatus.FORBIDDEN, rule, field, detail);
    }

    /** 404: nothing by that id (or nothing the caller may see). */
    public static RuleViolationException notFound(String detail) {
        return new RuleViolationException(HttpStatus.NOT_FOUND, "not-found", null, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String rule() {
        return rule;
    }

    public String field() {
        return field;
    }
}
