package fi.ips.testsupport;

/** A real PostgreSQL database and a real Kafka broker for an integration test. */
public interface Infrastructure {

    /** The JDBC URL of a database; user and password are {@code postgres}. */
    String jdbcUrl();

    String bootstrapServers();
}
