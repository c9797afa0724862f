package fi.ips.support.lifecycle;

import fi.ips.process.ParentWatch;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** On the local platform a service ends with the launcher that started it ({@link ParentWatch}). */
@AutoConfiguration
@ConditionalOnProperty(ParentWatch.PROPERTY)
class ParentProcessAutoConfiguration {

    @Bean
    ApplicationListener<ApplicationReadyEvent> exitWithParent(Environment environment) {
        String pid = environment.getRequiredProperty(ParentWatch.PROPERTY);
        return ready -> ParentWatch.exitWithParent(pid);
    }
}
