package fi.ips.support.lifecycle;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * On the local platform a service ends with the launcher that started it ({@code ips.parent-pid}),
 * even when the launcher was killed without stopping it: no process is left holding a port.
 */
@AutoConfiguration
@ConditionalOnProperty("ips.parent-pid")
class ParentProcessAutoConfiguration {

    @Bean
    ApplicationListener<ApplicationReadyEvent> exitWithParent(Environment environment) {
        long pid = Long.parseLong(environment.getRequiredProperty("ips.parent-pid"));
        return ready -> ProcessHandle.of(pid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
    }
}
