package fi.ips.support.problem;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem details as this platform writes them: a {@code type} per rule and the rule's id. */
public final class ProblemResponses {

    static final String TYPE_BASE = "urn:ips:problem:";
    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    /** For errors raised before a controller is reached (security filters). */
    public static void write(HttpServletResponse response, HttpStatus status, String rule, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + rule);
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("rule", rule);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), body);
    }
}
