package fi.ips.outcomes;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.config.observation.SecurityObservationSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What service-support's security settings make of a service (every service has the same). The filter
 * chain itself is decorated only where an observation handler exists when it is built (not in this test's
 * context; in the gateway's, GatewayEdgeTest checks the chain).
 */
@OutcomesServiceTest
class SecurityFiltersTest {

    @Autowired
    SecurityObservationSettings settings;

    /** Each of Spring Security's filters wrapped in an observation cost a share of every request's CPU, even with the observations off. */
    @Test
    void springSecurityObservesNeitherRequestsNorAuthenticationsNorAuthorizations() {
        assertThat(settings.shouldObserveRequests()).isFalse();
        assertThat(settings.shouldObserveAuthentications()).isFalse();
        assertThat(settings.shouldObserveAuthorizations()).isFalse();
    }
}
