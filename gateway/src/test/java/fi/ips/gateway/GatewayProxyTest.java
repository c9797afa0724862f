package fi.ips.gateway;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of a service of the test's own: Server-Sent Events pass through as they are
 * written, a stream outlives the response time-out that guards ordinary calls, and an answer's
 * headers come through as the gateway means them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s"})
@AutoConfigureWebTestClient(timeout = "20s")
class GatewayProxyTest {

    private static final CountDownLatch FIRST_EVENT_RECEIVED = new CountDownLatch(1);
    private static final HttpServer STREAMING_SERVICE = service();

    @DynamicPropertySource
    static void streamingServiceRoute(DynamicPropertyRegistry properties) {
        properties.add("ips.routes.outcomes-service", () -> "http://localhost:" + STREAMING_SERVICE.getAddress().getPort());
    }

    @TestConfiguration
    static class AnyTokenIsAnIntegrator {
        @Bean
        ReactiveJwtDecoder jwtDecoder() {
            return token -> Mono.just(Jwt.withTokenValue(token).header("alg", "none").subject("integrator")
                    .claim("roles", List.of("INTEGRATOR")).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build());
        }
    }

    @Autowired
    WebTestClient web;

    @AfterAll
    static void stop() {
        STREAMING_SERVICE.stop(0);
    }

    @Test
    void aServicesAnswerCarriesTheCorrelationIdOnce() {
        web.get().uri("/api/v1/streams/asyncapi.json").header("X-Correlation-Id", "given-id-2").headers(h -> h.setBearerAuth("t")).exchange()
                .expectStatus().isOk()
                .expectHeader().values("X-Correlation-Id", ids -> assertThat(ids).containsExactly("given-id-2"));
    }

    @Test
    void eventsArriveOneByOneAndTheStreamOutlivesTheResponseTimeout() {
        var events = web.get().uri("/api/v1/streams/events").headers(h -> h.setBearerAuth("t"))
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseBody();

        StepVerifier.create(events)
                .assertNext(first -> {
                    assertThat(first).isEqualTo("event-1");
                    FIRST_EVENT_RECEIVED.countDown();
                })
                .expectNext("event-2", "event-3")
                .verifyComplete();
    }

    /**
     * A service writing three events: the second only once the test has received the first (a gateway
     * that held the first back gets a different second event), the third 1.5 s later, so that the
     * stream lasts longer than the 1 s response time-out.
     */
    private static HttpServer service() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            // As the services answer: with the correlation id the gateway passed on.
            server.createContext("/api/v1/streams/asyncapi.json", exchange -> {
                exchange.getResponseHeaders().set("X-Correlation-Id", exchange.getRequestHeaders().getFirst("X-Correlation-Id"));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.createContext("/api/v1/streams/events", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    write(out, "event-1");
                    write(out, FIRST_EVENT_RECEIVED.await(10, TimeUnit.SECONDS) ? "event-2" : "event-1-was-held-back");
                    Thread.sleep(1500);
                    write(out, "event-3");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(OutputStream out, String event) throws IOException {
        out.write(("data:" + event + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
