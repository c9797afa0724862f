package fi.ips.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;
import org.springframework.security.web.server.ObservationWebFilterChainDecorator;
import org.springframework.security.web.server.WebFilterChainProxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway on its own, with services that are not running: token checks, the limits and the
 * error answers the gateway produces itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ips.gateway.rate-limit.per-second=0.5",
        "ips.gateway.rate-limit.burst=3",
        "ips.gateway.max-body-size=1KB",
        "ips.gateway.import-max-body-size=4KB",
        "ips.gateway.dashboard-origin=http://dashboard.test"})
@AutoConfigureWebTestClient(timeout = "20s")
class GatewayEdgeTest {

    private static final String ISSUER = "http://issuer.test";
    private static final KeyPair KEYS = rsaKeys();
    private static final KeyPair OTHER_KEYS = rsaKeys();
    private static final int STOPPED_SERVICE_PORT = freePort();
    private static final int DYING_SERVICE_PORT = dyingService();

    @DynamicPropertySource
    static void stoppedServices(DynamicPropertyRegistry properties) {
        properties.add("ips.routes.referral-service", () -> "http://localhost:" + STOPPED_SERVICE_PORT);
        properties.add("ips.routes.outcomes-service", () -> "http://localhost:" + STOPPED_SERVICE_PORT);
        properties.add("ips.routes.import-service", () -> "http://localhost:" + STOPPED_SERVICE_PORT);
        properties.add("ips.routes.placement-service", () -> "http://localhost:" + DYING_SERVICE_PORT);
    }

    @TestConfiguration
    static class TrustTheTestIssuer {
        @Bean
        ReactiveJwtDecoder jwtDecoder() {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
            return decoder;
        }

        /** Counts the web sessions requests make (the dashboard's logins need them; API calls should not). */
        @Bean(name = "webSessionManager")
        WebSessionManager webSessionManager() {
            DefaultWebSessionManager sessions = new DefaultWebSessionManager();
            sessions.setSessionStore(new InMemoryWebSessionStore() {
                @Override
                public Mono<WebSession> createWebSession() {
                    SESSIONS_MADE.incrementAndGet();
                    return super.createWebSession();
                }
            });
            return sessions;
        }
    }

    private static final AtomicInteger SESSIONS_MADE = new AtomicInteger();

    @Autowired
    WebTestClient web;

    @LocalManagementPort
    int managementPort;

    @Autowired
    WebFilterChainProxy securityFilters;

    /** Each of Spring Security's filters wrapped in an observation cost a share of every request's CPU, even with the observations off. */
    @Test
    void springSecuritysFiltersAreNotWrappedInObservations() {
        assertThat(ReflectionTestUtils.getField(securityFilters, "filterChainDecorator"))
                .isNotInstanceOf(ObservationWebFilterChainDecorator.class);
    }

    /** An API call's token says who it is: no web session is made for it (each cost two thread hops and a random id). */
    @Test
    void anApiCallWithATokenMakesNoWebSession() {
        int before = SESSIONS_MADE.get();
        web.get().uri("/api/v1/referrals/c-1").headers(h -> h.setBearerAuth(token("county-s", "COUNTY", KEYS, ISSUER, 300)))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        web.post().uri("/api/v1/referrals").headers(h -> h.setBearerAuth(token("county-s", "COUNTY", KEYS, ISSUER, 300)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(SESSIONS_MADE.get() - before).isZero();

        web.get().uri("/oauth2/authorization/ips").exchange().expectStatus().isFound();
        assertThat(SESSIONS_MADE.get() - before).as("a browser's login keeps its state in a web session").isPositive();
    }

    @Test
    void aStoppedServiceAnswers503WithARetryHintAtOnce() {
        long start = System.nanoTime();
        web.get().uri("/api/v1/referrals/c-1").headers(h -> h.setBearerAuth(token("county-a", "COUNTY", KEYS, ISSUER, 300)))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.rule").isEqualTo("service-unavailable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    /** Every path of placement-service goes there (the dying service), its batches too. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/jobs", "/api/v1/placements/batch"})
    void aServiceThatDiesMidRequestIs502AskingForARetryWithTheSameKey(String path) {
        web.post().uri(path).headers(h -> h.setBearerAuth(token("county-d" + path, "COUNTY", KEYS, ISSUER, 300)))
                .header("Idempotency-Key", "k-1").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.rule").isEqualTo("service-connection-lost");
    }

    @Test
    void anExpiredTokenIs401() {
        web.get().uri("/api/v1/outcomes/national").headers(h -> h.setBearerAuth(token("county-b", "COUNTY", KEYS, ISSUER, -120)))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.rule").isEqualTo("authentication-required");
    }

    @Test
    void aTokenOfAnotherIssuerIs401() {
        web.get().uri("/api/v1/outcomes/national").headers(h -> h.setBearerAuth(token("county-c", "COUNTY", KEYS, "http://evil.test", 300)))
                .exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/v1/outcomes/national").headers(h -> h.setBearerAuth(token("county-c", "COUNTY", OTHER_KEYS, ISSUER, 300)))
                .exchange().expectStatus().isUnauthorized();
    }

    /** Refused by the gateway itself: placement-service (the dying service) would answer 502. */
    @ParameterizedTest
    @CsvSource({"COORDINATOR,/api/v1/referrals", "COORDINATOR,/api/v1/jobs", "INTEGRATOR,/api/v1/placements/batch"})
    void theWrongRoleIs403(String role, String path) {
        web.post().uri(path).headers(h -> h.setBearerAuth(token("wrong-role-" + role, role, KEYS, ISSUER, 300)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.rule").isEqualTo("role-required");
    }

    @Test
    void tooManyRequestsFromOneClientAre429WithRetryAfter() {
        String token = token("busy-county", "COUNTY", KEYS, ISSUER, 300);
        for (int i = 0; i < 3; i++) {
            web.get().uri("/api/v1/referrals/c-1").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        }
        web.get().uri("/api/v1/referrals/c-1").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2")
                .expectBody().jsonPath("$.rule").isEqualTo("rate-limit");
        web.get().uri("/api/v1/referrals/c-1").headers(h -> h.setBearerAuth(token("calm-county", "COUNTY", KEYS, ISSUER, 300)))
                .exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void anUnknownRouteIs404ProblemJson() {
        web.get().uri("/api/v1/nothing-here").headers(h -> h.setBearerAuth(token("county-d", "COUNTY", KEYS, ISSUER, 300)))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.rule").isEqualTo("not-found");
        // The problem's instance (the path) never echoes a personal identity code.
        web.get().uri("/api/v1/nothing-here/131052-308T").headers(h -> h.setBearerAuth(token("county-d", "COUNTY", KEYS, ISSUER, 300)))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.instance").isEqualTo("/api/v1/nothing-here/***");
    }

    @Test
    void anOversizedBodyIs413() {
        web.post().uri("/api/v1/referrals").headers(h -> h.setBearerAuth(token("county-e", "COUNTY", KEYS, ISSUER, 300)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("x".repeat(2048))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody().jsonPath("$.rule").isEqualTo("body-too-large");
    }

    @Test
    void anImportFileMayBeLargerThanOtherBodiesUpToItsOwnLimit() {
        web.post().uri("/api/v1/imports?region=14").headers(h -> h.setBearerAuth(token("county-i", "COUNTY", KEYS, ISSUER, 300)))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue("x".repeat(2048))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        web.post().uri("/api/v1/imports?region=14").headers(h -> h.setBearerAuth(token("county-j", "COUNTY", KEYS, ISSUER, 300)))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue("x".repeat(8192))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    }

    @Test
    void theDashboardSendsAPersonWithoutASessionToLogInAndKeepsItsPagesClosed() {
        web.get().uri("/").exchange()
                .expectStatus().isFound()
                .expectHeader().valueEquals("Location", "/oauth2/authorization/ips");
        web.get().uri("/dashboard/dashboard.js").exchange().expectStatus().isFound();
        web.get().uri("/oauth2/authorization/ips").exchange()
                .expectStatus().isFound()
                .expectHeader().value("Location", location -> assertThat(location)
                        .startsWith("http://localhost:9000/oauth2/authorize?response_type=code&client_id=dashboard")
                        .contains("code_challenge_method=S256"));
        web.get().uri("/dashboard/session").headers(h -> h.setBearerAuth(token("county-k", "COUNTY", KEYS, ISSUER, 300)))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.roles[0]").isEqualTo("COUNTY")
                .jsonPath("$.regionNames.18.sv").isEqualTo("Mellersta Österbottens välfärdsområde");
        web.get().uri("/dashboard/session").headers(h -> h.setBearerAuth(token("integrator-k", "INTEGRATOR", KEYS, ISSUER, 300)))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void aBrowserSessionWithoutATokenMayNotSubmit() {
        web.post().uri("/api/v1/referrals").cookie("SESSION", "some-session").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.rule").isEqualTo("token-required");
        web.post().uri("/api/v1/referrals").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void everyResponseCarriesACorrelationIdAndSecurityHeaders() {
        web.get().uri("/api/v1/outcomes/national").header("X-Correlation-Id", "given-id-1").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-Correlation-Id", "given-id-1")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().exists("Content-Security-Policy");
        web.get().uri("/logged-out.html").header("X-Correlation-Id", "not acceptable!")
                .headers(h -> h.setBearerAuth(token("county-f", "COUNTY", KEYS, ISSUER, 300))).exchange()
                .expectStatus().isOk()
                .expectHeader().value("X-Correlation-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
        // A personal identity code is no correlation id: it would be in every log line and on Kafka.
        web.get().uri("/logged-out.html").header("X-Correlation-Id", "hetu-131052-308T")
                .headers(h -> h.setBearerAuth(token("county-f", "COUNTY", KEYS, ISSUER, 300))).exchange()
                .expectStatus().isOk()
                .expectHeader().value("X-Correlation-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theAccessLineCarriesTheCorrelationIdInItsOwnField(CapturedOutput output) {
        web.get().uri("/api/v1/outcomes/national").header("X-Correlation-Id", "given-id-3").exchange().expectStatus().isUnauthorized();
        // The line's level and correlation id field (logging.pattern.level, as the services' lines): a log shipper reads them there.
        await().untilAsserted(() -> assertThat(output.getOut()).containsPattern("INFO \\[given-id-3] .*fi\\.ips\\.gateway\\.access"));
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortOnly() {
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics).contains("jvm_memory_used_bytes"));
        String operator = token("operator", "COORDINATOR", KEYS, ISSUER, 300);
        web.get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isNotFound();
        web.get().uri("/actuator/health").headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isNotFound();
    }

    @Test
    void onlyTheDashboardOriginMayCallCrossOrigin() {
        web.options().uri("/api/v1/outcomes/national").header("Origin", "http://dashboard.test")
                .header("Access-Control-Request-Method", "GET").exchange()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "http://dashboard.test");
        web.options().uri("/api/v1/outcomes/national").header("Origin", "http://elsewhere.test")
                .header("Access-Control-Request-Method", "GET").exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
    }

    @Test
    void theApiDocumentNamesServicesThatDidNotAnswer() {
        web.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.info.title").isEqualTo("IPS outcomes platform API")
                .jsonPath("$.x-unavailable-services[0]").isEqualTo("referral-service")
                .jsonPath("$.components.securitySchemes.bearer.type").isEqualTo("http");
    }

    private static String token(String subject, String role, KeyPair keys, String issuer, long secondsValid) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject).issuer(issuer).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now.minusSeconds(600))).notBeforeTime(Date.from(now.minusSeconds(600)))
                .expirationTime(Date.from(now.plusSeconds(secondsValid)))
                .claim("roles", List.of(role)).claim("regions", List.of("14"))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A service that takes each request and dies before answering: the connection is reset. */
    private static int dyingService() {
        try {
            ServerSocket server = new ServerSocket(0);
            Thread dying = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket connection = server.accept()) {
                        connection.getInputStream().read(new byte[8192]);
                        connection.setSoLinger(true, 0);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "dying-service");
            dying.setDaemon(true);
            dying.start();
            return server.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on: the "stopped" service. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
