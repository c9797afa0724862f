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
 * Server-Sent Events pass through the gateway as they are written, and a stream outlives the
 * response time-out that guards ordinary calls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s"})
@AutoConfigureWebTestClient(timeout = "20s")
class GatewayStreamingTest {

    private static final CountDownLatch FIRST_EVENT_RECEIVED = new CountDownLatch(1);
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
    private static HttpServer streamingService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
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
