package fi.ips.local;

import fi.ips.process.ParentWatch;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A real PostgreSQL 17 server from Maven Central jars, in its own process, on a fixed port. Its
 * data survives restarts. Creates the given databases (one per service that keeps its data in PostgreSQL).
 * <p>
 * Usage: {@code PostgresServer PORT DATA_DIR DATABASE...}
 */
public final class PostgresServer {

    private PostgresServer() {
    }

    public static void main(String[] args) throws Exception {
        ParentWatch.exitWithParent();
        int port = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "100")
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (int i = 2; i < args.length; i++) {
                createDatabaseIfMissing(connection, args[i]);
            }
        }
        System.out.println("PostgreSQL ready on port " + port);
        Thread.currentThread().join();
    }

    private static void createDatabaseIfMissing(Connection connection, String name) throws Exception {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("database name must be lower-case letters: " + name);
        }
        try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            create.execute("create database " + name);
        }
    }
}
