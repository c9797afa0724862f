package fi.ips.referral.relay;

import com.zaxxer.hikari.HikariDataSource;
import fi.ips.testsupport.WithEmbeddedPostgres;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tokens the relay tracks the event store with leave out the gaps in the global sequence that no
 * transaction can fill any more, at once instead of after Axon's minute; a gap an open transaction
 * may still fill stays. Gaps are made as the platform makes them: numbers of the sequence taken by a
 * transaction that is rolled back, or still open.
 */
@WithEmbeddedPostgres
@SpringBootTest(properties = {"ips.relay.enabled=false", "spring.kafka.admin.auto-create=false",
        "ips.eventstore.gaps-given-up-after=" + SettledGapsTest.GIVE_UP_SECONDS + "s"})
class SettledGapsTest {

    private static final String NEXT_NUMBER = "select nextval('domainevententry_globalindex_seq')";
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** Longer than any other test here holds a number. */
    static final int GIVE_UP_SECONDS = 15;
    /** Axon's timestamp column holds ISO-8601 text. */
    private static final String TWO_MINUTES_AGO =
            "to_char(clock_timestamp() at time zone 'UTC' - interval '2 minutes', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";

    record Noted(String text) {
    }

    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventBus events;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theGapsOfARolledBackTransactionAreLeftOut() throws Exception {
        assertTheGapsOfARolledBackTransactionAreLeftOut();
    }

    /** Only a transaction that took numbers of the sequence can fill a gap: a reader's, however old, holds none back. */
    @Test
    void aTransactionThatTookNoNumberHoldsNoGapBack() throws Exception {
        try (Connection reader = openTransaction()) {
            number(reader, "select count(*) from domainevententry");
            assertTheGapsOfARolledBackTransactionAreLeftOut();
        }
    }

    private void assertTheGapsOfARolledBackTransactionAreLeftOut() throws InterruptedException {
        TrackingToken before = store("before");
        List<Long> rolledBack = new TransactionTemplate(transactions).execute(status -> {
            status.setRollbackOnly();
            return jdbc.queryForList(NEXT_NUMBER + " from generate_series(1, 50)", Long.class);
        });
        store("after");
        TrackingToken after = tokenAfter(before);
        store("later");

        assertThat(gaps(after)).containsAll(rolledBack);
        assertThat(eventually(after, gaps -> gaps.isEmpty())).isEmpty();
    }

    @Test
    void aNumberHeldByAnOpenTransactionStaysAGapUntilItEnds() throws Exception {
        try (Connection held = openTransaction()) {
            HeldNumber number = numberHeldBy(held);

            throughoutLooks(() -> assertThat(gapsAfter(number.after())).contains(number.number()));
            held.rollback();
            assertThat(eventually(number.after(), gaps -> !gaps.contains(number.number()))).doesNotContain(number.number());
        }
    }

    /** An event committed under a number that was a gap is read, however soon its number is settled after. */
    @Test
    void anEventCommittedIntoAGapIsReadAfterItsNumberIsSettled() throws Exception {
        TrackingToken before = store("before");
        String late = "late-" + UUID.randomUUID();
        try (Connection held = openTransaction()) {
            long number = number(held, copiesOfTheLastEvent(late, 1, "timestamp"));
            store("after");
            TrackingToken after = tokenAfter(before);
            assertThat(gaps(after)).contains(number);

            held.commit();
            throughoutLooks(() -> assertThat(engine.readEvents(after, false).map(event -> event.getIdentifier()).toList()).contains(late + "-1"));
        }
    }

    /** A transaction left open holds its numbers back only so long: then they are given up, and their gaps go. */
    @Test
    void numbersHeldLongerThanTheLimitAreGivenUp() throws Exception {
        try (Connection held = openTransaction()) {
            HeldNumber number = numberHeldBy(held);
            assertThat(gapsAfter(number.after())).contains(number.number());

            assertThat(eventually(number.after(), PATIENCE.plusSeconds(GIVE_UP_SECONDS), gaps -> !gaps.contains(number.number())))
                    .doesNotContain(number.number());
        }
    }

    /**
     * With a sequence that hands out numbers in advance (CACHE), a session can take a number below the value
     * read at a look after it: nothing is settled while it has one.
     */
    @Test
    void aSequenceThatHandsOutNumbersInAdvanceSettlesNothing() throws Exception {
        TrackingToken before = store("before");
        TrackingToken after;
        jdbc.execute("alter sequence domainevententry_globalindex_seq cache 5");
        try {
            List<Long> rolledBack;
            // A connection of its own, closed after: no pooled session keeps numbers in advance.
            HikariDataSource pool = (HikariDataSource) dataSource;
            try (Connection own = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
                 Statement statement = own.createStatement()) {
                own.setAutoCommit(false);
                rolledBack = numbers(statement, NEXT_NUMBER + " from generate_series(1, 20)");
                own.rollback();
                own.setAutoCommit(true);
                numbers(statement, copiesOfTheLastEvent("after-" + UUID.randomUUID(), 1, "timestamp"));
                after = tokenAfter(before);
                numbers(statement, copiesOfTheLastEvent("later-" + UUID.randomUUID(), 1, "timestamp"));
            }
            throughoutLooks(() -> assertThat(gapsAfter(after)).containsAll(rolledBack));
        } finally {
            jdbc.execute("alter sequence domainevententry_globalindex_seq cache 1");
        }
        assertThat(eventually(after, PATIENCE, gaps -> gaps.isEmpty())).isEmpty();
    }

    /** Axon's own rule dropped a gap once 10 000 later numbers were taken, filled later or not. */
    @Test
    void anEventCommittedAfterTenThousandLaterOnesIsRead() throws Exception {
        assertTheLateEventIsRead(10_001, "timestamp");
    }

    /** Axon's own rule dropped every gap below an event a minute old, as the relay reads after an outage. */
    @Test
    void anEventCommittedAfterTheEventsAfterItGrewOldIsRead() throws Exception {
        assertTheLateEventIsRead(1, TWO_MINUTES_AGO);
    }

    /**
     * An event whose transaction stays open while {@code later} events are committed with the timestamp
     * {@code timestamp} (an SQL expression) stays a gap however far behind it falls, and is read once it commits.
     */
    private void assertTheLateEventIsRead(int later, String timestamp) throws SQLException, InterruptedException {
        TrackingToken before = store("before");
        String late = "late-" + UUID.randomUUID();
        try (Connection held = openTransaction()) {
            long number = number(held, copiesOfTheLastEvent(late, 1, "timestamp"));
            jdbc.queryForList(copiesOfTheLastEvent("later-" + UUID.randomUUID(), later, timestamp), Long.class);
            TrackingToken head = engine.readEvents(before, false).reduce((first, second) -> second).orElseThrow().trackingToken();
            assertThat(gaps(head)).contains(number);

            held.commit();
            throughoutLooks(() -> assertThat(engine.readEvents(head, false).map(event -> event.getIdentifier()).toList())
                    .contains(late + "-1"));
        }
    }

    /**
     * SQL that copies the last stored event {@code copies} times (each a client of its own, whose id starts
     * with {@code identifier}), its timestamp the SQL expression {@code timestamp}, and answers their numbers.
     */
    private static String copiesOfTheLastEvent(String identifier, int copies, String timestamp) {
        return """
                insert into domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype,
                                              payloadrevision, payload, metadata)
                select '%1$s-' || copy, '%1$s-' || copy, 0, type, %3$s, payloadtype, payloadrevision, payload, metadata
                from (select * from domainevententry order by globalindex desc limit 1) last, generate_series(1, %2$s) copy
                returning globalindex""".formatted(identifier, copies, timestamp);
    }

    /** A number of the sequence an open transaction holds, and the token of the event stored next after it, which has another after it. */
    private record HeldNumber(long number, TrackingToken after) {
    }

    private HeldNumber numberHeldBy(Connection held) throws SQLException {
        TrackingToken before = store("before");
        long number = number(held, NEXT_NUMBER);
        store("after");
        TrackingToken after = tokenAfter(before);
        store("later");
        return new HeldNumber(number, after);
    }

    /** Stores an event, committed, and answers the token of the store's head: that event's. */
    private TrackingToken store(String text) {
        events.publish(GenericEventMessage.asEventMessage(new Noted(text)));
        return engine.createHeadToken();
    }

    /** The token of the first event after {@code token}, as the relay would track it now. */
    private TrackingToken tokenAfter(TrackingToken token) {
        return engine.readEvents(token, false).findFirst().orElseThrow().trackingToken();
    }

    private static SortedSet<Long> gaps(TrackingToken token) {
        return ((GapAwareTrackingToken) token).getGaps();
    }

    /** The gaps the relay, at {@code token}, would carry on with: those in the next event's token. */
    private SortedSet<Long> gapsAfter(TrackingToken token) {
        return gaps(tokenAfter(token));
    }

    /** A connection in a transaction of its own, left open. */
    private Connection openTransaction() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    /** The numbers a statement answers. */
    private static List<Long> numbers(Statement statement, String sql) throws SQLException {
        List<Long> numbers = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                numbers.add(result.getLong(1));
            }
        }
        return numbers;
    }

    /** The number a statement answers first. */
    private static long number(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return numbers(statement, sql).get(0);
        }
    }

    /** Checks again and again for 600 ms: many of the store's looks at the open transactions. */
    private static void throughoutLooks(Runnable check) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMillis(600).toNanos();
        while (System.nanoTime() < until) {
            check.run();
            Thread.sleep(20);
        }
    }

    private SortedSet<Long> eventually(TrackingToken token, Predicate<SortedSet<Long>> condition) throws InterruptedException {
        return eventually(token, PATIENCE, condition);
    }

    private SortedSet<Long> eventually(TrackingToken token, Duration patience, Predicate<SortedSet<Long>> condition) throws InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        SortedSet<Long> gaps = gapsAfter(token);
        while (!condition.test(gaps) && System.nanoTime() < until) {
            Thread.sleep(20);
            gaps = gapsAfter(token);
        }
        return gaps;
    }
}
