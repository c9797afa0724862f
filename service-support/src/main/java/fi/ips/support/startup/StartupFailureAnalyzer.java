package fi.ips.support.startup;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

import java.sql.SQLException;
import java.util.Set;

/**
 * Says why a service could not start, and what to set, for the failures an operator meets in a
 * deployment: an invalid setting, a database that refuses the service or does not answer, Kafka
 * that cannot give the service its topics. Without it the cause is the last of several nested
 * exceptions under "Application run failed" or "Unable to start web server".
 */
class StartupFailureAnalyzer implements FailureAnalyzer {

    /** spring-kafka's KafkaAdmin at start, with {@code spring.kafka.admin.fail-fast}. */
    private static final Set<String> KAFKA_ADMIN_FAILURES = Set.of("Could not configure topics", "Could not create admin");

    private final Environment environment;

    StartupFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidSettingException invalid) {
                return new FailureAnalysis(invalid.getMessage(), "Set " + invalid.variable() + " as described, and start again.", invalid);
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                FailureAnalysis database = database(sql);
                if (database != null) {
                    return database;
                }
            }
            if (cause instanceof IllegalStateException && KAFKA_ADMIN_FAILURES.contains(cause.getMessage())) {
                return new FailureAnalysis("Kafka at " + setting("spring.kafka.bootstrap-servers") + " did not create or describe the"
                        + " platform's topics: " + rootMessage(cause),
                        "Check SPRING_KAFKA_BOOTSTRAP_SERVERS and that the brokers run (start Kafka first), and that"
                                + " IPS_KAFKA_REPLICATION_FACTOR is no more than the brokers there are.", cause);
            }
        }
        return null;
    }

    private FailureAnalysis database(SQLException sql) {
        // Without its parameters: a URL can carry a password.
        String url = setting("spring.datasource.url").replaceAll("\\?.*", "");
        // PostgreSQL's SQL states: 28xxx the user or password refused, 08004 the server asked for a password and
        // none was given, 08xxx otherwise no connection, 3D000 no such database.
        if (sql.getSQLState().startsWith("28") || sql.getSQLState().equals("08004")) {
            return new FailureAnalysis("PostgreSQL at " + url + " refused the service's user: " + sql.getMessage(),
                    "Check SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD (they have no default).", sql);
        }
        if (sql.getSQLState().startsWith("08")) {
            return new FailureAnalysis("No PostgreSQL answered at " + url + ": " + sql.getMessage(),
                    "Check SPRING_DATASOURCE_URL and that the database server runs.", sql);
        }
        if (sql.getSQLState().equals("3D000")) {
            return new FailureAnalysis("PostgreSQL at " + url + " has no such database: " + sql.getMessage(),
                    "Create the database (the service creates its tables itself), or correct SPRING_DATASOURCE_URL.", sql);
        }
        return null;
    }

    private String setting(String name) {
        return environment.getProperty(name, "(not set)");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
