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
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-Sent Events pass through the gateway as they are written, and a stream outlives the
 * response time-out that guards ordinary calls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s"})
@AutoConfigureWebTestClient(timeout = "20s")
class GatewayStreamingTest {

    private static final HttpServer STREAMING_SERVICE = streamingService();

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
    void eventsArriveOneByOneAndTheStreamOutlivesTheResponseTimeout() {
        long start = System.nanoTime();
        var events = web.get().uri("/api/v1/streams/events").headers(h -> h.setBearerAuth("t"))
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseBody();

        StepVerifier.create(events)
                .assertNext(first -> {
                    assertThat(first).isEqualTo("event-1");
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("first event before the next is written")
                            .isLessThan(Duration.ofMillis(1200));
                })
                .expectNext("event-2", "event-3")
                .verifyComplete();
    }

    /** A service writing three events 1.5 s apart: longer in all than the 1 s response time-out. */
    private static HttpServer streamingService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/api/v1/streams/events", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 1; i <= 3; i++) {
                        out.write(("data:event-" + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        if (i < 3) {
                            Thread.sleep(1500);
                        }
                    }
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
}
