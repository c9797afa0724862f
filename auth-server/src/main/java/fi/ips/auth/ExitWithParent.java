package fi.ips.auth;

import fi.ips.process.ParentWatch;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Ends with the local platform's launcher ({@link ParentWatch}), as the services do (this server does not use service-support). */
@Component
@ConditionalOnProperty(ParentWatch.PROPERTY)
class ExitWithParent implements ApplicationListener<ApplicationReadyEvent> {

    private final String parentPid;

    ExitWithParent(Environment environment) {
        this.parentPid = environment.getRequiredProperty(ParentWatch.PROPERTY);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        ParentWatch.exitWithParent(parentPid);
    }
}
