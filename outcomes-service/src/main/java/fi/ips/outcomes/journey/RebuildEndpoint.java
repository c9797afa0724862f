package fi.ips.outcomes.journey;

import fi.ips.support.security.Caller;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The operators' handle on rebuilding the read models: {@code POST /actuator/rebuild} starts one,
 * {@code GET /actuator/rebuild} tells how it stands. Coordinator credentials only; not routed
 * through the gateway.
 */
@Component
@Endpoint(id = "rebuild")
class RebuildEndpoint {

    private final ProjectionRebuild rebuild;

    RebuildEndpoint(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @ReadOperation
    ProjectionRebuild.Status status() {
        requireCoordinator();
        return rebuild.status();
    }

    @WriteOperation
    ProjectionRebuild.Status start() {
        requireCoordinator();
        return rebuild.start();
    }

    private static void requireCoordinator() {
        if (!Caller.current().roles().contains(Caller.COORDINATOR)) {
            throw new AccessDeniedException("only the coordinator may rebuild the read models");
        }
    }
}
