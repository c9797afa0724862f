package fi.ips.support.security;

import fi.ips.support.problem.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Every service checks the caller's access token itself, whatever the gateway did: a service
 * reached directly without a valid token refuses the request (401), a token without the role
 * an endpoint needs gets 403. Roles come from the token's {@code roles} claim.
 */
@AutoConfiguration
@ConditionalOnClass({SecurityFilterChain.class, jakarta.servlet.Filter.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
class ServiceSecurityAutoConfiguration {

    /**
     * Open on every service: probes, metrics for Prometheus and the API description. A service's
     * own port is internal; only the gateway is public, and it routes no {@code /actuator} path.
     */
    private static final List<String> ALWAYS_OPEN = List.of("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
            "/v3/api-docs/**");

    @Bean
    SecurityFilterChain serviceSecurity(HttpSecurity http,
                                        @Value("${ips.security.open-paths:}") List<String> openPaths) throws Exception {
        List<String> open = new ArrayList<>(ALWAYS_OPEN);
        open.addAll(openPaths);
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> ProblemResponses.write(response,
                HttpStatus.UNAUTHORIZED, "authentication-required", "A valid access token is required");
        AccessDeniedHandler forbidden = (request, response, e) -> ProblemResponses.write(response,
                HttpStatus.FORBIDDEN, "role-required", "These credentials may not do this");
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(open.toArray(String[]::new)).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(TokenRoles.converter()))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden));
        return http.build();
    }

    /** Whatever decoder verifies the tokens (Spring Boot's, from the issuer's keys), its verdicts are kept until the token expires. */
    @Bean
    static BeanPostProcessor verifiedTokensKept() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof JwtDecoder decoder ? VerifiedTokens.keptBy(decoder, Clock.systemUTC()) : bean;
            }
        };
    }

    @Bean
    StrictHttpFirewall httpFirewall() {
        return HeaderCharacters.firewall();
    }

    /** A URL the firewall refuses (an encoded slash, a semicolon, '..', a control character) is answered as any other problem. */
    @Bean
    RequestRejectedHandler rejectedRequestsAsProblems() {
        return (request, response, e) -> ProblemResponses.write(response, HttpStatus.BAD_REQUEST, "rejected-request",
                ProblemResponses.REJECTED_REQUEST);
    }
}
