package fi.ips.support.eventstore;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * {@code nextval}, {@code RowExclusiveLock}, whichever user or session it is; while a transaction is
 * prepared for two-phase commit, nothing is settled). Every number up to the sequence's value at a moment was
 * taken by then, so once each transaction that held that lock at that moment has ended, the numbers up
 * to that value are settled: each has its event now or never will. A settled gap whose event is not
 * there is dropped; one whose transaction committed since the token was made stays, for the fetch to
 * read its event. So gaps go within a look or two of the end of the transactions that held numbers when
 * they appeared, which wait as long as they must; sessions that take no number (readers, a backup, a
 * person's open {@code psql}) hold nothing back. The looks are two small queries, at most one a
 * {@link #LOOK_EVERY}, and only while a token has gaps; a third reads which settled gaps were filled.
 * <p>
 * Axon's own rules, which drop gaps by age or distance whether filled later or not, are off (the storage
 * engine's builder). So a transaction that took numbers and is left open – idle in transaction – holds
 * back every gap that appears after it began, and the relay keeps them all in memory
 * ({@code ips.relay.gaps} shows them). After {@code giveUpAfter} (an hour: no request or batch of the
 * platform lasts a minute) the numbers are given up all the same, with a warning naming the sessions:
 * events such a transaction stores afterwards never reach the relay.
 * <p>
 * It needs the sequence to hand out its numbers one at a time, as a {@code bigserial}'s does: with a
 * {@code CACHE}, a session could hand out a number below the value read here after this look. With one,
 * nothing is settled (but given up, as above), and a warning says why.
 */
public final class SettledGaps {

    private static final Duration LOOK_EVERY = Duration.ofMillis(50);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private static final int QUERY_TIMEOUT_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(SettledGaps.class);
    private static final String PREPARED = "prepared ";
    /** The event table's sequence (Axon's PostgreSQL schema: {@code globalIndex bigserial}). */
    private static final String SEQUENCE = "domainevententry_globalindex_seq";
    /** Its value, and how many numbers a session takes at a time. */
    private static final String SEQUENCE_VALUE = """
            select case when is_called then last_value else 0 end, (select seqcache from pg_sequence where seqrelid = '%1$s'::regclass)
            from %1$s""".formatted(SEQUENCE);
    /**
     * The open transactions that have taken numbers of the sequence, and their sessions; and the prepared
     * transactions (two-phase commit), which hold theirs under another name once prepared.
     */
    private static final String TAKERS = """
            select virtualtransaction, 'session ' || pid from pg_locks
            where locktype = 'relation' and mode = 'RowExclusiveLock' and pid is not null
              and database = (select oid from pg_database where datname = current_database())
              and relation = '%s'::regclass
            union all
            select %s || transaction::text, 'prepared transaction ' || gid from pg_prepared_xacts
            where database = current_database()""".formatted(SEQUENCE, "'" + PREPARED + "'");
    private static final String STORED = "select globalindex from domainevententry where globalindex = any(?)";

    private final DataSource dataSource;
    private final Duration giveUpAfter;
    /** Every number up to this one is settled. */
    private long settled;
    /** A sequence value, settled once every transaction of {@link #candidateTakers} (keys) has ended. */
    private long candidate;
    private Map<String, String> candidateTakers = Map.of();
    private long candidateSince = System.nanoTime();
    private long lastLook = System.nanoTime() - Long.MAX_VALUE / 2;
    private long lastWarning = System.nanoTime() - Long.MAX_VALUE / 2;

    SettledGaps(DataSource dataSource, Duration giveUpAfter) {
        this.dataSource = dataSource;
        this.giveUpAfter = giveUpAfter;
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
            warn("Settled gaps in the event sequence not dropped; they stay until it works again: {}", e.toString());
            return token;
        }
        return GapAwareTrackingToken.newInstance(gapAware.getIndex(), kept);
    }

    /**
     * How many numbers of the sequence a processor at {@code token} still waits for: its gaps that are not
     * settled (those that are go at its next read).
     */
    public int waitedFor(TrackingToken token) {
        if (!(WrappedToken.unwrapLowerBound(token) instanceof GapAwareTrackingToken gapAware) || !gapAware.hasGaps()) {
            return 0;
        }
        return gapAware.getGaps().tailSet(settledUpTo() + 1).size();
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
            look(now);
        }
        return settled;
    }

    private void look(long now) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            long value;
            boolean oneAtATime;
            try (ResultSet sequence = statement.executeQuery(SEQUENCE_VALUE)) {
                sequence.next();
                value = sequence.getLong(1);
                oneAtATime = sequence.getLong(2) <= 1;
            }
            // Read after the sequence: whoever took a number up to its value and is still open is among them.
            Map<String, String> takers = new HashMap<>();
            try (ResultSet locks = statement.executeQuery(TAKERS)) {
                while (locks.next()) {
                    takers.put(locks.getString(1), locks.getString(2));
                }
            }
            if (!oneAtATime) {
                warn("The event sequence {} hands out numbers in advance (CACHE): gaps in it are kept until given up", SEQUENCE);
            }
            List<String> stillOpen = candidateTakers.keySet().stream().filter(takers::containsKey).map(takers::get).toList();
            // A transaction being prepared changes its name: while any is prepared, nothing is settled.
            boolean prepared = takers.keySet().stream().anyMatch(taker -> taker.startsWith(PREPARED));
            if (!oneAtATime || prepared || !stillOpen.isEmpty()) {
                if (now - candidateSince < giveUpAfter.toNanos()) {
                    return;
                }
                Object holding = !oneAtATime ? "the sequence's CACHE" : (stillOpen.isEmpty() ? takers.values() : stillOpen) + " still open";
                log.warn("Numbers of the event sequence up to {} given up after {}, held back by {}: events stored under them from now"
                        + " on will not reach Kafka (docs/operations.md)", candidate, giveUpAfter, holding);
            }
            settled = Math.max(settled, candidate);
            candidate = value;
            candidateTakers = takers;
            candidateSince = now;
            if (oneAtATime && takers.isEmpty()) {
                settled = Math.max(settled, value);
            }
        } catch (SQLException e) {
            warn("Gaps in the event sequence not looked at; they stay until it works again: {}", e.toString());
        }
    }

    /** Said once a minute: the gaps stay while it lasts, and the relay's memory grows with them. */
    private synchronized void warn(String message, Object argument) {
        long now = System.nanoTime();
        if (now - lastWarning >= WARN_EVERY.toNanos()) {
            lastWarning = now;
            log.warn(message, argument);
        }
    }
}
