package fi.ips.gateway.security;

import fi.ips.gateway.problem.Problems;
import fi.ips.support.problem.ProblemResponses;
import fi.ips.support.security.Caller;
import fi.ips.support.security.TokenRoles;
import fi.ips.support.security.VerifiedTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * Who may use which path, decided from the access token's roles. Finer rules (a county sees only
 * its own region) are the services' own: they check the same token again. API callers bring a
 * token; a person logs in to the dashboard with the browser (authorisation code + PKCE), and the
 * gateway relays that login's token to the services (TokenRelay).
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    private static final String COUNTY = Caller.COUNTY;
    private static final String COORDINATOR = Caller.COORDINATOR;
    private static final String INTEGRATOR = Caller.INTEGRATOR;

    /** What a county submits and reads (its clients' records, its fidelity reviews); the coordinator reads it too. */
    private static final String[] CLIENT_RECORDS = {"/api/v1/referrals", "/api/v1/referrals/**", "/api/v1/jobs", "/api/v1/jobs/**",
            "/api/v1/studies", "/api/v1/studies/**", "/api/v1/clients/**", "/api/v1/placements/**", "/api/v1/imports", "/api/v1/imports/**",
            "/api/v1/fidelity-reviews/**"};

    /** The dashboard's pages: a person without a session is sent to log in, not answered 401. */
    private static final String[] DASHBOARD = {"/", "/index.html", "/dashboard/**"};
    /** The login's own cookie: requests with it and no token are a browser's. */
    private static final String SESSION_COOKIE = "SESSION";

    @Bean
    SecurityWebFilterChain gatewaySecurityChain(ServerHttpSecurity http,
                                                @Value("${ips.gateway.dashboard-origin:http://localhost:8080}") String dashboardOrigin) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> Problems.write(exchange, HttpStatus.UNAUTHORIZED,
                "authentication-required", "A valid access token is required");
        ServerAccessDeniedHandler forbidden = (exchange, e) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                "role-required", "These credentials may not do this");
        ServerAuthenticationEntryPoint toLogin = new RedirectServerAuthenticationEntryPoint("/oauth2/authorization/ips");
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegateEntry(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, DASHBOARD), toLogin));
        entryPoint.setDefaultEntryPoint(unauthenticated);
        return http
                // A logged-in browser only reads: a write that comes with the session cookie and no token is refused.
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(GatewaySecurity::browserWrite)
                        .accessDeniedHandler((exchange, e) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                                "token-required", "Submissions need an access token; a browser login only reads")))
                .cors(cors -> cors.configurationSource(dashboardOnly(dashboardOrigin)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/api/v1/outcomes/public", "/api/v1/outcomes/public/**",
                                "/v3/api-docs", "/swagger-ui.html", "/swagger-ui-init.js", "/webjars/swagger-ui/**",
                                "/webjars/chart.js/**", "/logged-out.html", "/dashboard/dashboard.css",
                                "/api/v1/streams/asyncapi.json", "/api/v1/streams/schemas/**").permitAll()
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers(DASHBOARD).hasAnyRole(COUNTY, COORDINATOR)
                        .pathMatchers(HttpMethod.GET, CLIENT_RECORDS).hasAnyRole(COUNTY, COORDINATOR)
                        .pathMatchers(CLIENT_RECORDS).hasRole(COUNTY)
                        .pathMatchers("/api/v1/outcomes/**").hasAnyRole(COUNTY, COORDINATOR)
                        .pathMatchers("/api/v1/streams/**").hasAnyRole(INTEGRATOR, COORDINATOR)
                        .anyExchange().authenticated())
                .requestCache(cache -> cache.requestCache(browserRequestsOnly()))
                .oauth2Login(Customizer.withDefaults())
                .logout(logout -> logout
                        .requiresLogout(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/logout"))
                        .logoutSuccessHandler(loggedOut()))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(TokenRoles.converter())))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint).accessDeniedHandler(forbidden))
                .build();
    }

    /** A URL the firewall refuses (an encoded slash, a semicolon, '..', a control character) is answered as any other problem. */
    @Bean
    ServerExchangeRejectedHandler rejectedRequestsAsProblems() {
        return (exchange, e) -> Problems.write(exchange, HttpStatus.BAD_REQUEST, "rejected-request", ProblemResponses.REJECTED_REQUEST);
    }

    /** Spring Boot's decoder of access tokens, its verdicts kept until each token expires ({@link VerifiedTokens}). */
    @Bean
    static BeanPostProcessor verifiedTokensKept() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof ReactiveJwtDecoder verifier)) {
                    return bean;
                }
                return keptBy(verifier, Clock.systemUTC());
            }
        };
    }

    /** {@code verifier} asked only for tokens not verified before or expired since. */
    static ReactiveJwtDecoder keptBy(ReactiveJwtDecoder verifier, Clock clock) {
        VerifiedTokens tokens = new VerifiedTokens(clock);
        return token -> {
            Jwt known = tokens.known(token);
            return known != null ? Mono.just(known) : verifier.decode(token).map(jwt -> tokens.keep(token, jwt));
        };
    }

    /** Browser logins get the roles of the access token they bring (the same as API callers with it). */
    @Bean
    ReactiveOAuth2UserService<OidcUserRequest, OidcUser> loginUsers(ReactiveJwtDecoder accessTokens) {
        return new LoginUsers(accessTokens);
    }

    private static RedirectServerLogoutSuccessHandler loggedOut() {
        RedirectServerLogoutSuccessHandler handler = new RedirectServerLogoutSuccessHandler();
        handler.setLogoutSuccessUrl(URI.create("/logged-out.html"));
        return handler;
    }

    private static Mono<ServerWebExchangeMatcher.MatchResult> browserWrite(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        boolean write = !List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE).contains(request.getMethod());
        boolean browser = request.getCookies().containsKey(SESSION_COOKIE) && !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        return write && browser ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
    }

    /**
     * Where a browser was going before its login, kept in its session. A call with an access token
     * is never sent to log in: it does not look into a session, which made one for every API call
     * (two thread hops and a random id each).
     */
    static ServerRequestCache browserRequestsOnly() {
        ServerRequestCache sessions = new WebSessionServerRequestCache();
        return new ServerRequestCache() {
            @Override
            public Mono<Void> saveRequest(ServerWebExchange exchange) {
                return withToken(exchange) ? Mono.empty() : sessions.saveRequest(exchange);
            }

            @Override
            public Mono<URI> getRedirectUri(ServerWebExchange exchange) {
                return withToken(exchange) ? Mono.empty() : sessions.getRedirectUri(exchange);
            }

            @Override
            public Mono<ServerHttpRequest> removeMatchingRequest(ServerWebExchange exchange) {
                return withToken(exchange) ? Mono.empty() : sessions.removeMatchingRequest(exchange);
            }

            private static boolean withToken(ServerWebExchange exchange) {
                return exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
            }
        };
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
