package fi.ips.support.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No observation (span, timer) around Spring Security's filters, authentications and
 * authorizations, in the services and the gateway alike. Switching the observations off by name
 * ({@code management.observations.enable.spring.security=false}) still wrapped each filter of
 * every request in a decorator that made an observation to throw away, a share of every request's
 * CPU (docs/performance.md); these settings leave the filter chain undecorated. The request's own
 * span and the correlation id stay.
 */
@AutoConfiguration
@ConditionalOnClass(SecurityObservationSettings.class)
class SecurityObservationsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
