package fi.ips.support.startup;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ApplicationContextException;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.mock.env.MockEnvironment;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** A service that cannot start says why in its first lines, and what to set: not five causes down. */
class StartupFailureAnalyzerTest {

    private final MockEnvironment environment = new MockEnvironment()
            .withProperty("spring.datasource.url", "jdbc:postgresql://db.example:5432/referral?password=secret")
            .withProperty("spring.kafka.bootstrap-servers", "kafka.example:9092");
    private final StartupFailureAnalyzer analyzer = new StartupFailureAnalyzer(environment);

    @Test
    void anInvalidSettingIsToldAloneWhateverBeanNeededIt() {
        FailureAnalysis analysis = analyzer.analyze(new UnsatisfiedDependencyException("streams", "eventStreamController", "streams",
                new BeanCreationException("eventStreams", "constructor threw",
                        new InvalidSettingException("IPS_STREAMS_PSEUDONYM_KEY", "must be at least 32 characters"))));

        assertThat(analysis.getDescription()).isEqualTo("IPS_STREAMS_PSEUDONYM_KEY must be at least 32 characters");
        assertThat(analysis.getAction()).contains("Set IPS_STREAMS_PSEUDONYM_KEY");
    }

    @Test
    void aDatabaseThatRefusesTheUserOrDoesNotAnswerNamesTheSettingsButNoPassword() {
        FailureAnalysis refused = analyzer.analyze(new ApplicationContextException("Unable to start web server",
                new IllegalStateException("pool", new SQLException("FATAL: password authentication failed for user \"referral\"", "28P01"))));
        assertThat(refused.getDescription()).startsWith("PostgreSQL at jdbc:postgresql://db.example:5432/referral refused")
                .doesNotContain("secret");
        assertThat(refused.getAction()).contains("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");

        FailureAnalysis noPassword = analyzer.analyze(new IllegalStateException(new SQLException(
                "The server requested SCRAM-based authentication, but no password was provided.", "08004")));
        assertThat(noPassword.getAction()).contains("SPRING_DATASOURCE_PASSWORD");

        FailureAnalysis away = analyzer.analyze(new IllegalStateException(new SQLException("Connection refused", "08001")));
        assertThat(away.getAction()).contains("SPRING_DATASOURCE_URL");
    }

    @Test
    void kafkaThatCannotGiveTheTopicsNamesTheBrokersAndTheCause() {
        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("Could not configure topics",
                new RuntimeException(new IllegalArgumentException("Timed out waiting for a node assignment"))));

        assertThat(analysis.getDescription()).contains("kafka.example:9092", "Timed out waiting for a node assignment");
        assertThat(analysis.getAction()).contains("SPRING_KAFKA_BOOTSTRAP_SERVERS", "IPS_KAFKA_REPLICATION_FACTOR");
    }

    @Test
    void otherFailuresAreLeftToSpringBoot() {
        assertThat(analyzer.analyze(new IllegalStateException("something else", new SQLException("syntax error", "42601")))).isNull();
    }

    @Test
    void springBootFindsIt() {
        // Spring Boot's own analyzers need more than an environment: skipped here.
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
                ArgumentResolver.of(Environment.class, environment), FailureHandler.handleMessage((message, failure) -> { })))
                .hasAtLeastOneElementOfType(StartupFailureAnalyzer.class);
    }
}
