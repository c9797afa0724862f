package fi.ips.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * A Spring test's {@code spring.datasource.url} is a new, empty database of the JVM's embedded
 * PostgreSQL server ({@link EmbeddedInfrastructure#postgresDatabase()}): one for each application
 * context, so that tests of other classes never see its rows.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ContextConfiguration(initializers = WithEmbeddedPostgres.Database.class)
public @interface WithEmbeddedPostgres {

    final class Database implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embeddedPostgres",
                    Map.of("spring.datasource.url", EmbeddedInfrastructure.postgresDatabase(),
                            "spring.datasource.username", "postgres", "spring.datasource.password", "postgres")));
        }
    }
}
