package fi.ips.support.problem;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** RFC 9457 problem details as this platform writes them: a {@code type} per rule and the rule's id. */
public final class ProblemResponses {

    static final String TYPE_BASE = "urn:ips:problem:";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,40}");

    private ProblemResponses() {
    }

    /** Why a URL is refused by the firewall, in the gateway and the services alike. */
    public static final String REJECTED_REQUEST = "The request's URL is not accepted: no encoded slashes or percent signs, "
            + "semicolons, '..' segments or control characters";

    /** The answer while the service's database is unreachable: nothing was stored, retry. */
    public static final String STORAGE_UNAVAILABLE_RULE = "storage-unavailable";
    public static final String STORAGE_UNAVAILABLE = "The service's storage is not reachable; try again shortly (a retry never stores anything twice)";
    /** How long a caller waits before retrying after an outage, in the gateway and the services alike. */
    public static final String RETRY_AFTER_SECONDS = "5";

    /** Whether {@code error} comes from a database that is down or restarting, rather than from a bug. */
    public static boolean isStorageOutage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
                    || cause instanceof CannotCreateTransactionException || cause instanceof TransactionSystemException
                    || cause instanceof SQLTransientException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException || isConnectionLost(cause)) {
                return true;
            }
        }
        return false;
    }

    /** SQL states of a lost connection (class 08) or a server shutting down (57P01–57P03). */
    private static boolean isConnectionLost(Throwable error) {
        return error instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"));
    }

    public static ProblemDetail problem(HttpStatusCode status, String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + rule));
        problem.setProperty("rule", rule);
        return problem;
    }

    /** A problem that one field is to blame for: it is named in {@code errors} too. */
    public static ProblemDetail fieldProblem(HttpStatusCode status, String field, String rule, String detail) {
        return fieldProblem(status, field, rule, detail, detail);
    }

    private static ProblemDetail fieldProblem(HttpStatusCode status, String field, String rule, String detail, String message) {
        ProblemDetail problem = problem(status, rule, detail);
        problem.setProperty("errors", List.of(Map.of("field", field, "rule", rule, "message", message)));
        return problem;
    }

    public static ProblemDetail ruleViolation(RuleViolationException e) {
        return e.field() == null ? problem(e.status(), e.rule(), e.getMessage()) : fieldProblem(e.status(), e.field(), e.rule(), e.getMessage());
    }

    /**
     * 422 for fields that broke their constraints, each error a map of {@code field}, {@code rule} (the
     * constraint's name, {@code NotNull} as {@code not-null}) and {@code message}.
     */
    public static ProblemDetail invalidFields(List<Map<String, String>> errors) {
        String fields = errors.stream().map(err -> err.get("field") + " (" + err.get("rule") + ")").distinct()
                .collect(Collectors.joining(", "));
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "validation", "Invalid fields: " + fields);
        problem.setProperty("errors", errors);
        return problem;
    }

    /**
     * A broken constraint of a body's field or a request's parameter: named by the last node of its path
     * (a parameter's path starts with the method's name).
     */
    public static Map<String, String> fieldError(ConstraintViolation<?> violation) {
        String field = null;
        for (Path.Node node : violation.getPropertyPath()) {
            field = node.getName();
        }
        return fieldError(field == null ? "(unnamed)" : field,
                violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName(), violation.getMessage());
    }

    public static Map<String, String> fieldError(String field, String constraint, String message) {
        String rule = constraint == null ? "invalid" : constraint.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
        return Map.of("field", field, "rule", rule, "message", message == null ? rule : message);
    }

    /**
     * 400 for a body that could not be read as the request: an unknown field, a value of the wrong
     * type or format, or no JSON object at all. Values are never echoed (they may be personal data).
     */
    public static ProblemDetail unreadable(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            // The key is the caller's text: named back only when it looks like a field name.
            String field = KEY.matcher(unknown.getPropertyName()).matches() ? unknown.getPropertyName() : "(unnamed)";
            return fieldProblem(HttpStatus.BAD_REQUEST, field, "unknown-field", "Field '" + field + "' is not part of this request",
                    "not a field of this request");
        }
        // Any of Jackson's errors within a field (a wrong type, a number too large for it) names the field.
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            // A key is named back only when it looks like a field name: a map's keys are the caller's text.
            String field = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() == null ? "[" + ref.getIndex() + "]"
                            : KEY.matcher(ref.getPropertyName()).matches() ? ref.getPropertyName() : "(unnamed)")
                    // items[3].score, as the other rules name a list's element, not items.[3].score
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String expected = expected(typeOf(jackson), value -> JSON.convertValue(value, String.class));
            return fieldProblem(HttpStatus.BAD_REQUEST, field, "format",
                    "Field '" + field + "' has a value of the wrong type or format" + (expected == null ? "" : ": it must be " + expected),
                    expected == null ? "not a valid value for this field" : "must be " + expected);
        }
        return problem(HttpStatus.BAD_REQUEST, "malformed-body", "The request body is missing or not a valid JSON object");
    }

    /** The type a field's value was to be read as, where Jackson's error tells it. */
    private static Class<?> typeOf(JacksonException error) {
        // The last: a value's own factory refused it (AgeGroup.ofLabel).
        return error instanceof MismatchedInputException mismatched ? mismatched.getTargetType()
                : error instanceof InputCoercionException coercion ? coercion.getTargetType()
                : error instanceof ValueInstantiationException instantiation ? instantiation.getType().getRawClass() : null;
    }

    /** What a request parameter of this type takes (Spring reads named values by their names); null when unknown. */
    public static String expectedParameter(Class<?> type) {
        return expected(type, value -> ((Enum<?>) value).name());
    }

    /** What a field or parameter of this type takes: its named values, a date's form, a number; null when unknown. */
    private static String expected(Class<?> type, Function<Object, String> nameOf) {
        if (type == null) {
            return null;
        }
        if (type.isEnum()) {
            return "one of " + Stream.of(type.getEnumConstants()).map(nameOf).collect(Collectors.joining(", "));
        }
        if (type == LocalDate.class) {
            return "a date as 2022-04-30";
        }
        if (type == YearMonth.class) {
            return "a month as 2022-04";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number within the field's range";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return type == String.class ? "a text" : null;
    }

    /** For errors raised before a controller is reached (security filters). */
    public static void write(HttpServletResponse response, HttpStatus status, String rule, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), members(problem(status, rule, detail)));
    }

    /** A problem's members as its JSON object has them, its properties ({@code rule}, {@code errors}) beside the standard ones. */
    public static Map<String, Object> members(ProblemDetail problem) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", problem.getType().toString());
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        members.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            members.putAll(problem.getProperties());
        }
        return members;
    }
}
