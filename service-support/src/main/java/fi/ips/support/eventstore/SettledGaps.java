package fi.ips.support.eventstore;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Drops from a tracking token the gaps in the global sequence that no transaction can fill any more.
 * <p>
 * A gap is a number of the event table's sequence whose event is not (yet) there: taken by a
 * transaction still open, or by one rolled back (a batch that failed, a crash). Axon keeps every gap
 * in the token of every event it tracks after it, a copy each, until the event after the gap is a
 * minute old: 3 000 gaps from one failed batch, under an import, took referral-service's 256 MB heap
 * within seconds, and the thread reading the store for the relay died with it.
 * <p>
 * Every number up to the sequence's value at a moment was taken by a transaction begun before that
 * moment. Once no transaction of this database begun before it is open any more, the numbers up to
 * that value are settled: each has its event now or never will. A settled gap whose event is not
 * there is dropped; one whose transaction committed since the token was made stays, for the fetch to
 * read its event. So gaps go within two looks of the transactions that were open when they appeared,
 * which wait as long as they must. The looks are two small queries, at most one a
 * {@link #LOOK_EVERY}, and only while a token has gaps; a third reads which settled gaps were filled.
 */
final class SettledGaps {

    private static final Duration LOOK_EVERY = Duration.ofMillis(50);

    private static final Logger log = LoggerFactory.getLogger(SettledGaps.class);
    /** The event table's sequence (Axon's PostgreSQL schema: {@code globalIndex bigserial}). */
    private static final String SEQUENCE_VALUE = """
            select case when is_called then last_value else 0 end from domainevententry_globalindex_seq""";
    private static final String STORED = "select globalindex from domainevententry where globalindex = any(?)";
    /**
     * When the oldest open transaction of this database's clients, but this look's own, began (none:
     * null), and now. The server's own workers (autovacuum) take no numbers; another user's sessions
     * show no start, and the service's instances, which take them, share one user.
     */
    private static final String OLDEST_OPEN_TRANSACTION = """
            select (select min(xact_start) from pg_stat_activity
                    where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()),
                   clock_timestamp()""";

    private final DataSource dataSource;
    /** Every number up to this one is settled. */
    private long settled;
    /** A sequence value, settled once no transaction begun before {@link #candidateTakenBy} is open. */
    private long candidate = -1;
    private Timestamp candidateTakenBy;
    private long lastLook = System.nanoTime() - Long.MAX_VALUE / 2;

    SettledGaps(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code token} without its settled gaps (the same token when it has none). */
    TrackingToken withoutSettledGaps(TrackingToken token) {
        if (!(token instanceof GapAwareTrackingToken gapAware) || !gapAware.hasGaps()) {
            return token;
        }
        long upTo = settledUpTo();
        SortedSet<Long> settled = gapAware.getGaps().headSet(upTo + 1);
        if (settled.isEmpty()) {
            return token;
        }
        SortedSet<Long> kept = new TreeSet<>(gapAware.getGaps().tailSet(upTo + 1));
        try {
            kept.addAll(stored(settled));
        } catch (SQLException e) {
            log.debug("Settled gaps in the event sequence kept: {}", e.toString());
            return token;
        }
        return GapAwareTrackingToken.newInstance(gapAware.getIndex(), kept);
    }

    /** Which of the numbers have their event. */
    private List<Long> stored(SortedSet<Long> numbers) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(STORED)) {
            connection.setAutoCommit(true);
            statement.setArray(1, connection.createArrayOf("bigint", numbers.toArray()));
            List<Long> stored = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getLong(1));
                }
            }
            return stored;
        }
    }

    private synchronized long settledUpTo() {
        long now = System.nanoTime();
        if (now - lastLook >= LOOK_EVERY.toNanos()) {
            lastLook = now;
            look();
        }
        return settled;
    }

    private void look() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            long value;
            try (ResultSet sequence = statement.executeQuery(SEQUENCE_VALUE)) {
                sequence.next();
                value = sequence.getLong(1);
            }
            // Read after the sequence: whoever took a number up to its value had begun by this moment.
            try (ResultSet open = statement.executeQuery(OLDEST_OPEN_TRANSACTION)) {
                open.next();
                Timestamp oldest = open.getTimestamp(1);
                if (candidateTakenBy != null && (oldest == null || oldest.after(candidateTakenBy))) {
                    settled = Math.max(settled, candidate);
                }
                if (candidateTakenBy == null || settled >= candidate) {
                    candidate = value;
                    candidateTakenBy = open.getTimestamp(2);
                }
            }
        } catch (SQLException e) {
            // The database away: the gaps stay until it is back (or Axon's own time-out takes them).
            log.debug("Gaps in the event sequence not looked at: {}", e.toString());
        }
    }
}
