package fi.ips.auth;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Ends with the local platform's launcher ({@code ips.parent-pid}), even when that was killed, as
 * the services do (service-support's ParentProcessAutoConfiguration, which this server does not use).
 */
@Component
@ConditionalOnProperty("ips.parent-pid")
class ExitWithParent implements ApplicationListener<ApplicationReadyEvent> {

    private final long parentPid;

    ExitWithParent(Environment environment) {
        this.parentPid = Long.parseLong(environment.getRequiredProperty("ips.parent-pid"));
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        ProcessHandle.of(parentPid).ifPresentOrElse(parent -> parent.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
    }
}
