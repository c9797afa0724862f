package fi.ips.gateway.security;

import fi.ips.gateway.problem.Problems;
import fi.ips.support.security.Caller;
import fi.ips.support.security.TokenRoles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import java.util.List;

/**
 * Who may use which path, decided from the access token's roles. Finer rules (a county sees only
 * its own region) are the services' own: they check the same token again.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    private static final String COUNTY = Caller.COUNTY;
    private static final String COORDINATOR = Caller.COORDINATOR;
    private static final String INTEGRATOR = Caller.INTEGRATOR;

    /** What a county submits and reads; the coordinator reads it too. */
    private static final String[] CLIENT_RECORDS = {"/api/v1/referrals", "/api/v1/referrals/**", "/api/v1/jobs", "/api/v1/jobs/**",
            "/api/v1/studies", "/api/v1/studies/**", "/api/v1/clients/**", "/api/v1/imports", "/api/v1/imports/**"};

    @Bean
    SecurityWebFilterChain gatewaySecurityChain(ServerHttpSecurity http,
                                                @Value("${ips.gateway.dashboard-origin:http://localhost:8080}") String dashboardOrigin) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> Problems.write(exchange, HttpStatus.UNAUTHORIZED,
                "authentication-required", "A valid access token is required");
        ServerAccessDeniedHandler forbidden = (exchange, e) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                "role-required", "These credentials may not do this");
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .cors(cors -> cors.configurationSource(dashboardOnly(dashboardOrigin)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/api/v1/outcomes/public", "/api/v1/outcomes/public/**",
                                "/v3/api-docs", "/swagger-ui.html", "/swagger-ui-init.js", "/webjars/swagger-ui/**").permitAll()
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers(HttpMethod.GET, CLIENT_RECORDS).hasAnyRole(COUNTY, COORDINATOR)
                        .pathMatchers(CLIENT_RECORDS).hasRole(COUNTY)
                        .pathMatchers("/api/v1/outcomes/**").hasAnyRole(COUNTY, COORDINATOR)
                        .pathMatchers("/api/v1/streams/**").hasAnyRole(INTEGRATOR, COORDINATOR)
                        .anyExchange().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(TokenRoles.converter())))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .build();
    }

    /** Browsers may call the API cross-origin only from the dashboard's origin. */
    private static UrlBasedCorsConfigurationSource dashboardOnly(String dashboardOrigin) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(List.of(dashboardOrigin));
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "X-Correlation-Id", "Last-Event-ID"));
        cors.setExposedHeaders(List.of("Location", "X-Correlation-Id", "Retry-After"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
