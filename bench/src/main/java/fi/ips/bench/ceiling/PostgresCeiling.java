package fi.ips.bench.ceiling;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PostgreSQL's raw insert rate on this machine, over JDBC, in a database of its own: rows shaped
 * like Axon's event entries (ids, a sequence number, a type, a payload of the platform's event size),
 * once as one row per transaction from as many connections as the HTTP clients (what single-event
 * ingestion does underneath), once in batches of 1 000 rows per transaction (the most a bulk path could do).
 */
public final class PostgresCeiling {

    public record Result(int connections, double singleRowCommitsPerSecond, double batchedRowsPerSecond) {
    }

    private static final String DATABASE = "bench_ceiling";
    private static final int BATCH = 1000;

    private PostgresCeiling() {
    }

    /** @param server a JDBC URL of the server's maintenance database ({@code postgres}) */
    public static Result run(String server, int connections, int payloadBytes, Duration each) throws Exception {
        String url = server.substring(0, server.lastIndexOf('/') + 1) + DATABASE;
        try (Connection admin = DriverManager.getConnection(server, "postgres", "")) {
            try (Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            try {
                try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                     Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE event_entry (global_index BIGSERIAL PRIMARY KEY, event_identifier VARCHAR(255) NOT NULL UNIQUE,"
                            + " aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, type VARCHAR(255),"
                            + " time_stamp VARCHAR(255) NOT NULL, payload BYTEA NOT NULL, UNIQUE (aggregate_identifier, sequence_number))");
                }
                byte[] payload = new byte[payloadBytes];
                ThreadLocalRandom.current().nextBytes(payload);
                double single = singleRows(url, connections, payload, each);
                double batched = batched(url, payload, each);
                return new Result(connections, single, batched);
            } finally {
                try (Statement statement = admin.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
                }
            }
        }
    }

    private static double singleRows(String url, int connections, byte[] payload, Duration each) throws Exception {
        AtomicLong rows = new AtomicLong();
        long deadline = System.nanoTime() + each.toNanos();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                     PreparedStatement insert = insert(connection)) {
                    while (System.nanoTime() < deadline) {
                        bind(insert, payload);
                        insert.executeUpdate();
                        rows.incrementAndGet();
                    }
                } catch (SQLException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return rows.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static double batched(String url, byte[] payload, Duration each) throws SQLException {
        long rows = 0;
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement insert = insert(connection)) {
            connection.setAutoCommit(false);
            while (System.nanoTime() - start < each.toNanos()) {
                for (int i = 0; i < BATCH; i++) {
                    bind(insert, payload);
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
                rows += BATCH;
            }
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    private static PreparedStatement insert(Connection connection) throws SQLException {
        return connection.prepareStatement("INSERT INTO event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload)"
                + " VALUES (?, ?, 0, 'Client', ?, ?)");
    }

    private static void bind(PreparedStatement insert, byte[] payload) throws SQLException {
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, UUID.randomUUID().toString());
        insert.setString(3, Instant.now().toString());
        insert.setBytes(4, payload);
    }
}
