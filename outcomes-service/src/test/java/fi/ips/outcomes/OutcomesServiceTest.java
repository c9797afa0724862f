package fi.ips.outcomes;

import fi.ips.testsupport.EmbeddedInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole service on the embedded MongoDB wire server, without its Kafka listeners: the test
 * drives the service's beans or its API itself. Test classes with nothing else of their own share
 * one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(properties = {"spring.kafka.listener.auto-startup=false", "spring.kafka.admin.auto-create=false",
        "ips.streams.pseudonym-key=a-test-key-of-at-least-thirty-two-characters"})
@ContextConfiguration(initializers = OutcomesServiceTest.EmbeddedMongo.class)
public @interface OutcomesServiceTest {

    /** Points the service at the embedded MongoDB wire server, started once for the test run. */
    class EmbeddedMongo implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("spring.mongodb.uri=" + EmbeddedInfrastructure.mongo()).applyTo(context);
        }
    }
}
