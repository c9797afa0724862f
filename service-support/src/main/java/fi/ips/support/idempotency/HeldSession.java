package fi.ips.support.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A PostgreSQL session this process holds open for its life, the mark on the keys it is handling.
 * The server ends a session as soon as its client process dies (the kernel closes the socket), so a
 * key whose session is gone was left by a killed process and is handled again at once, not after
 * {@code abandoned-after}. A session is named by its pid and its start (a pid alone is reused).
 * The other instances of a service must connect as the same database user to see this session
 * ({@code pg_stat_activity} shows another user's session without its start); behind a
 * transaction-pooling proxy a mark names the proxy's session, and the time rule decides. After the
 * database restarts, keys marked before the next check name the old session: a retry may then
 * take one over while its first attempt still runs, which the commands' resubmission safety covers.
 */
final class HeldSession implements AutoCloseable {

    /** A session, or none ({@code null}s) when none is held. */
    record Mark(Integer pid, Timestamp started) {
    }

    /** How often the held session is checked and, when broken or missing, opened again. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(HeldSession.class);

    private final DataSource dataSource;
    private final Clock clock;
    /** One thread checks at a time; the others go on with the mark as it is, never waiting for a database that is away. */
    private final ReentrantLock checking = new ReentrantLock();
    private Connection connection;
    private volatile Mark mark;
    private volatile Instant checkedAt = Instant.MIN;

    HeldSession(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The session's mark, or none while no session is held (the time rule then decides). */
    Optional<Mark> mark() {
        Instant now = clock.instant();
        if (dataSource == null || now.isBefore(checkedAt.plus(CHECK_EVERY)) || !checking.tryLock()) {
            return Optional.ofNullable(mark);
        }
        try {
            checkedAt = now;
            if (mark == null || !connection.isValid(1)) {
                release();
                open();
            }
        } catch (SQLException unreachable) {
            log.debug("No session held for idempotency keys: {}", unreachable.toString());
            release();
        } finally {
            checking.unlock();
        }
        return Optional.ofNullable(mark);
    }

    private void open() throws SQLException {
        connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement();
             ResultSet session = statement.executeQuery("select pid, backend_start from pg_stat_activity where pid = pg_backend_pid()")) {
            session.next();
            mark = new Mark(session.getInt(1), session.getTimestamp(2));
        }
    }

    @Override
    public void close() {
        checking.lock();
        try {
            release();
        } finally {
            checking.unlock();
        }
    }

    private void release() {
        mark = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException alreadyBroken) {
                log.debug("Held session closed: {}", alreadyBroken.toString());
            }
            connection = null;
        }
    }
}
