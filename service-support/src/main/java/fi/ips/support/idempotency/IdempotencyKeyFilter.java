package fi.ips.support.idempotency;

import fi.ips.support.privacy.PersonalIdentityCodes;
import fi.ips.support.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code Idempotency-Key} on POST requests: the first successful answer to a key is kept (per
 * caller, for a day), and a retry with the same key and the same request gets that answer again
 * without anything being stored twice. The same key with another request is refused (422); a
 * retry while the first is still running gets 409 with {@code Retry-After}. Refusals (4xx) and
 * failures (5xx) stored nothing and are not kept, so a retry is decided afresh: a job refused
 * because its agreement had not yet arrived from Kafka is accepted once it has. A first request
 * that never answered (its service was killed) is taken over by a retry after
 * {@code ips.idempotency.abandoned-after}: the commands are resubmission-safe, and ids made up by
 * the service follow from the key ({@link NewIds}); at once, when the process that took the first
 * request has died ({@link HeldSession}).
 */
class IdempotencyKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyFilter.class);
    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern ACCEPTED = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Duration KEPT_FOR = Duration.ofDays(1);
    /** Expired keys are deleted at most this often, not on every request: off the hot path, once for every caller. */
    static final Duration CLEAN_UP_EVERY = Duration.ofMinutes(1);
    private static final HeldSession.Mark NO_HOLDER = new HeldSession.Mark(null, null);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration abandonedAfter;
    private final HeldSession session;
    private final AtomicReference<Instant> nextCleanUp = new AtomicReference<>(Instant.MIN);

    IdempotencyKeyFilter(JdbcTemplate jdbc, Clock clock, Duration abandonedAfter) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.abandonedAfter = abandonedAfter;
        this.session = new HeldSession(jdbc.getDataSource(), clock);
        jdbc.execute("""
                create table if not exists idempotency_keys (
                    caller varchar(200) not null,
                    idempotency_key varchar(200) not null,
                    request_hash varchar(64) not null,
                    status integer,
                    content_type varchar(200),
                    location varchar(2000),
                    body bytea,
                    created_at timestamp with time zone not null,
                    primary key (caller, idempotency_key))""");
        jdbc.execute("create index if not exists idempotency_keys_created_at on idempotency_keys (created_at)");
        // The session of the process handling a key that has no answer yet (keys kept before it was added have none).
        jdbc.execute("alter table idempotency_keys add column if not exists holder_pid integer");
        jdbc.execute("alter table idempotency_keys add column if not exists holder_started timestamp with time zone");
    }

    @Override
    public void destroy() {
        session.close();
    }

    /** Deletes every caller's expired keys, if no request has done so within {@link #CLEAN_UP_EVERY}. */
    private void forgetExpired(Instant now) {
        Instant due = nextCleanUp.get();
        if (!now.isBefore(due) && nextCleanUp.compareAndSet(due, now.plus(CLEAN_UP_EVERY))) {
            jdbc.update("delete from idempotency_keys where created_at < ?", Timestamp.from(now.minus(KEPT_FOR)));
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!ACCEPTED.matcher(key).matches()) {
            ProblemResponses.write(response, HttpStatus.BAD_REQUEST, "idempotency-key-format",
                    "Idempotency-Key must be 1-200 visible ASCII characters");
            return;
        }
        if (PersonalIdentityCodes.containsOne(key)) {
            // The key is stored for a day: no personal identity code in it, as in any value.
            ProblemResponses.write(response, HttpStatus.UNPROCESSABLE_CONTENT, "no-personal-identity-code",
                    "Idempotency-Key must not hold a personal identity code: use a random key");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String caller = caller();
        String hash = hash(target(request.getRequestURI(), request.getQueryString()), body);
        Instant at = clock.instant();
        Timestamp now = Timestamp.from(at);
        try {
            forgetExpired(at);
            HeldSession.Mark holder = session.mark().orElse(NO_HOLDER);
            try {
                jdbc.update("insert into idempotency_keys (caller, idempotency_key, request_hash, created_at, holder_pid, holder_started)"
                        + " values (?, ?, ?, ?, ?, ?)", caller, key, hash, now, holder.pid(), holder.started());
            } catch (DuplicateKeyException seenBefore) {
                if (!takeOverAbandoned(caller, key, hash, now, holder)) {
                    answerAgain(caller, key, hash, response);
                    return;
                }
            }
        } catch (DataAccessException error) {
            if (!ProblemResponses.isStorageOutage(error)) {
                throw error;
            }
            // Before the request was handled: nothing stored, the caller retries with the same key.
            log.warn("Idempotency keys unreachable: {}", error.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, ProblemResponses.RETRY_AFTER_SECONDS);
            ProblemResponses.write(response, HttpStatus.SERVICE_UNAVAILABLE, ProblemResponses.STORAGE_UNAVAILABLE_RULE,
                    ProblemResponses.STORAGE_UNAVAILABLE);
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), captured);
            if (captured.getStatus() < 400) {
                keep(caller, key, captured);
                kept = true;
            }
        } finally {
            if (!kept) {
                release(caller, key);
            }
            captured.copyBodyToResponse();
        }
    }

    /**
     * Keeps the answer for retries. The answer goes out even when it cannot be kept: a retry then
     * waits for {@code abandoned-after} and repeats the command, which the aggregate recognises.
     */
    private void keep(String caller, String key, ContentCachingResponseWrapper captured) {
        try {
            jdbc.update("update idempotency_keys set status = ?, content_type = ?, location = ?, body = ? where caller = ? and idempotency_key = ?",
                    captured.getStatus(), captured.getContentType(), captured.getHeader(HttpHeaders.LOCATION),
                    captured.getContentAsByteArray(), caller, key);
        } catch (DataAccessException outage) {
            log.warn("Answer to an Idempotency-Key not kept: {}", outage.toString());
        }
    }

    /** Frees the key of a request that failed, so that a retry runs at once (or, if unreachable, after abandoned-after). */
    private void release(String caller, String key) {
        try {
            jdbc.update("delete from idempotency_keys where caller = ? and idempotency_key = ?", caller, key);
        } catch (DataAccessException outage) {
            log.warn("Idempotency-Key not released: {}", outage.toString());
        }
    }

    /**
     * A first attempt of the same request that has no answer is handled again when the process that
     * took it has died (its session is gone) or it has not answered for too long.
     */
    private boolean takeOverAbandoned(String caller, String key, String hash, Timestamp now, HeldSession.Mark holder) {
        return jdbc.update("update idempotency_keys k set created_at = ?, holder_pid = ?, holder_started = ?"
                        + " where caller = ? and idempotency_key = ? and request_hash = ? and status is null"
                        + " and (created_at < ? or (holder_pid is not null and not exists (select 1 from pg_stat_activity a"
                        + " where a.pid = k.holder_pid and a.backend_start = k.holder_started)))",
                now, holder.pid(), holder.started(), caller, key, hash, Timestamp.from(now.toInstant().minus(abandonedAfter))) == 1;
    }

    private void answerAgain(String caller, String key, String hash, HttpServletResponse response) throws IOException {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select request_hash, status, content_type, location, body from idempotency_keys where caller = ? and idempotency_key = ?",
                caller, key);
        if (rows.isEmpty()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            ProblemResponses.write(response, HttpStatus.CONFLICT, "request-in-progress",
                    "A request with this Idempotency-Key is being handled; retry shortly");
            return;
        }
        Map<String, Object> first = rows.get(0);
        if (!hash.equals(first.get("request_hash"))) {
            ProblemResponses.write(response, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "This Idempotency-Key was used for a different request");
            return;
        }
        if (first.get("status") == null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            ProblemResponses.write(response, HttpStatus.CONFLICT, "request-in-progress",
                    "A request with this Idempotency-Key is being handled; retry shortly");
            return;
        }
        response.setStatus(((Number) first.get("status")).intValue());
        response.setHeader(REPLAYED, "true");
        if (first.get("content_type") != null) {
            response.setContentType((String) first.get("content_type"));
        }
        if (first.get("location") != null) {
            response.setHeader(HttpHeaders.LOCATION, (String) first.get("location"));
        }
        if (first.get("body") != null) {
            response.getOutputStream().write((byte[]) first.get("body"));
        }
    }

    private static String caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "anonymous" : authentication.getName();
    }

    /**
     * The path and the query, which is part of the request (a batch's {@code ?region=}, an import's
     * {@code ?dryRun=}): the same key with another query is another request. The parameters are
     * decoded and sorted by name, so that a retry that orders or encodes them differently is still
     * the same; a name given more than once keeps its values' order, the first being the one read.
     */
    static String target(String path, String query) {
        if (query == null || query.isEmpty()) {
            return path;
        }
        return path + "?" + Arrays.stream(query.split("&"))
                .filter(parameter -> !parameter.isEmpty())
                .map(IdempotencyKeyFilter::canonical)
                .sorted(Comparator.comparing(parameter -> parameter.split("=", 2)[0]))
                .collect(Collectors.joining("&"));
    }

    /** A parameter's name and value decoded and encoded again one way; one that does not decode stays as sent. */
    private static String canonical(String parameter) {
        int equals = parameter.indexOf('=');
        try {
            return equals < 0 ? reencoded(parameter) : reencoded(parameter.substring(0, equals)) + "=" + reencoded(parameter.substring(equals + 1));
        } catch (IllegalArgumentException malformed) {
            return parameter;
        }
    }

    private static String reencoded(String part) {
        return URLEncoder.encode(URLDecoder.decode(part, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static String hash(String path, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(path.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once, for hashing, and readable again by the controller. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }
    }
}
