package fi.ips.support.idempotency;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The session that marks this process's idempotency keys: checked now and then, never waited for by requests. */
class HeldSessionTest {

    private Instant now = Instant.parse("2026-12-06T22:00:00Z");
    private final Clock clock = mock(Clock.class);
    private final DataSource database = mock(DataSource.class);

    HeldSessionTest() {
        when(clock.instant()).thenAnswer(call -> now);
    }

    @Test
    void aBrokenSessionIsReplacedAtTheNextCheckAndNotBefore() throws Exception {
        Connection first = session(101);
        Connection second = session(102);
        when(database.getConnection()).thenReturn(first, second);
        HeldSession held = new HeldSession(database, clock);
        assertThat(held.mark()).get().extracting(HeldSession.Mark::pid).isEqualTo(101);

        when(first.isValid(anyInt())).thenReturn(false);
        now = now.plusSeconds(1);
        assertThat(held.mark()).get().extracting(HeldSession.Mark::pid).isEqualTo(101);
        now = now.plusSeconds(5);
        assertThat(held.mark()).get().extracting(HeldSession.Mark::pid).isEqualTo(102);
        verify(first).close();
    }

    @Test
    void whileOneRequestWaitsForTheDatabaseTheOthersGoOnWithoutAMark() throws Exception {
        CountDownLatch askingTheDatabase = new CountDownLatch(1);
        CountDownLatch databaseBack = new CountDownLatch(1);
        Connection session = session(103);
        when(database.getConnection()).thenAnswer(call -> {
            askingTheDatabase.countDown();
            databaseBack.await(30, TimeUnit.SECONDS);
            return session;
        });
        HeldSession held = new HeldSession(database, clock);
        try {
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> held.mark().map(HeldSession.Mark::pid).orElse(null));
            assertThat(askingTheDatabase.await(10, TimeUnit.SECONDS)).as("the first request asks the database").isTrue();

            now = now.plusSeconds(10);
            // The database is still away: another request must not wait for it (the timeout only guards against a hang).
            assertThat(CompletableFuture.supplyAsync(held::mark).get(10, TimeUnit.SECONDS)).isEmpty();
            verify(database, times(1)).getConnection();
            assertThat(waiting).isNotDone();

            databaseBack.countDown();
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(103);
            assertThat(held.mark()).get().extracting(HeldSession.Mark::pid).isEqualTo(103);
            verify(database, times(1)).getConnection();
        } finally {
            databaseBack.countDown();
        }
    }

    @Test
    void withoutTheDatabaseThereIsNoMarkAndTheNextCheckTriesAgain() throws Exception {
        Connection session = session(104);
        when(database.getConnection()).thenThrow(new SQLException("connection refused")).thenReturn(session);
        HeldSession held = new HeldSession(database, clock);

        assertThat(held.mark()).isEmpty();
        assertThat(held.mark()).as("not before the next check").isEmpty();
        now = now.plusSeconds(6);
        assertThat(held.mark()).get().extracting(HeldSession.Mark::pid).isEqualTo(104);
    }

    private static Connection session(int pid) throws SQLException {
        Connection connection = mock(Connection.class);
        Statement statement = mock(Statement.class);
        ResultSet row = mock(ResultSet.class);
        when(connection.createStatement()).thenReturn(statement);
        when(statement.executeQuery(anyString())).thenReturn(row);
        when(row.next()).thenReturn(true);
        when(row.getInt(1)).thenReturn(pid);
        when(row.getTimestamp(2)).thenReturn(Timestamp.from(Instant.parse("2026-12-06T21:00:00Z")));
        when(connection.isValid(anyInt())).thenReturn(true);
        return connection;
    }
}
