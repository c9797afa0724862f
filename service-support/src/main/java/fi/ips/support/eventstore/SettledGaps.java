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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Drops from a tracking token the gaps in the global sequence that no transaction can fill any more.
 * <p>
 * A gap is a number of the event table's sequence whose event is not (yet) there: taken by a
 * transaction still open, or by one rolled back (a batch that failed, a crash). Axon keeps every gap
 * in the token of every event it tracks after it, a copy each: 3 000 gaps from one failed batch, under
 * an import, took referral-service's 256 MB heap within seconds, and the thread reading the store for
 * the relay died with it.
 * <p>
 * A transaction that takes a number of the sequence locks the sequence until it ends (PostgreSQL's
 * {@code nextval}, {@code RowExclusiveLock}, whichever user or session it is). Every number up to the
 * sequence's value at a moment was taken by then, so once each transaction that held that lock at that
 * moment has ended, the numbers up to that value are settled: each has its event now or never will. A
 * settled gap whose event is not there is dropped; one whose transaction committed since the token was
 * made stays, for the fetch to read its event. So gaps go within a look or two of the end of the
 * transactions that held numbers when they appeared, which wait as long as they must; sessions that
 * take no number (readers, a backup, a person's open {@code psql}) hold nothing back. The looks are two
 * small queries, at most one a {@link #LOOK_EVERY}, and only while a token has gaps; a third reads
 * which settled gaps were filled.
 * <p>
 * This is the only way gaps go (Axon's own rules, which drop them by age or distance, are off: the
 * storage engine's builder). So a transaction that took a number and is left open – idle in
 * transaction – holds back every gap that appears after it began, until it ends
 * ({@code ips.relay.gaps} shows it). It needs the sequence to hand out its numbers one at a time, as
 * a {@code bigserial}'s does: with a {@code CACHE}, a session could hand out a number below the value
 * read here after this look.
 */
final class SettledGaps {

    private static final Duration LOOK_EVERY = Duration.ofMillis(50);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private static final int QUERY_TIMEOUT_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(SettledGaps.class);
    /** The event table's sequence (Axon's PostgreSQL schema: {@code globalIndex bigserial}). */
    private static final String SEQUENCE = "domainevententry_globalindex_seq";
    private static final String SEQUENCE_VALUE = "select case when is_called then last_value else 0 end from " + SEQUENCE;
    /** The open transactions that have taken numbers of the sequence. */
    private static final String TAKERS = """
            select virtualtransaction from pg_locks
            where locktype = 'relation' and mode = 'RowExclusiveLock'
              and database = (select oid from pg_database where datname = current_database())
              and relation = '%s'::regclass""".formatted(SEQUENCE);
    private static final String STORED = "select globalindex from domainevententry where globalindex = any(?)";

    private final DataSource dataSource;
    /** Every number up to this one is settled. */
    private long settled;
    /** A sequence value, settled once every transaction of {@link #candidateTakers} has ended. */
    private long candidate;
    private Set<String> candidateTakers = Set.of();
    private long lastLook = System.nanoTime() - Long.MAX_VALUE / 2;
    private long lastWarning = System.nanoTime() - Long.MAX_VALUE / 2;

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
            warn("Settled gaps in the event sequence not dropped", e);
            return token;
        }
        return GapAwareTrackingToken.newInstance(gapAware.getIndex(), kept);
    }

    /** Which of the numbers have their event. */
    private List<Long> stored(SortedSet<Long> numbers) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(STORED)) {
            connection.setAutoCommit(true);
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
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
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            long value;
            try (ResultSet sequence = statement.executeQuery(SEQUENCE_VALUE)) {
                sequence.next();
                value = sequence.getLong(1);
            }
            // Read after the sequence: whoever took a number up to its value and is still open is among them.
            Set<String> takers = new HashSet<>();
            try (ResultSet locks = statement.executeQuery(TAKERS)) {
                while (locks.next()) {
                    takers.add(locks.getString(1));
                }
            }
            if (!Collections.disjoint(candidateTakers, takers)) {
                return;
            }
            settled = Math.max(settled, candidate);
            candidate = value;
            candidateTakers = takers;
            if (takers.isEmpty()) {
                settled = Math.max(settled, value);
            }
        } catch (SQLException e) {
            warn("Gaps in the event sequence not looked at", e);
        }
    }

    /** The gaps stay while the database cannot be asked, and the relay's memory grows with them: said once a minute. */
    private synchronized void warn(String what, SQLException e) {
        long now = System.nanoTime();
        if (now - lastWarning >= WARN_EVERY.toNanos()) {
            lastWarning = now;
            log.warn("{}; they stay until it works again: {}", what, e.toString());
        }
    }
}
