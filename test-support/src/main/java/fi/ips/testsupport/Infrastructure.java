package fi.ips.testsupport;

/** A real PostgreSQL database, a real Kafka broker and a MongoDB (or its wire-protocol server) for an integration test. */
public interface Infrastructure {

    /** The JDBC URL of a database; user and password are {@code postgres}. */
    String jdbcUrl();

    String bootstrapServers();

    /** A MongoDB connection string with the database {@code ips-outcomes}. */
    String mongoUri();
}
