package fi.ips.bench.readmodel;

import com.sun.net.httpserver.HttpServer;
import fi.ips.bench.platform.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KpiQueriesTest {

    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;

    @BeforeEach
    void outcomes() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void everyQueryWarmsUpBeforeAnyIsMeasuredThenEachIsMeasuredInTurn() {
        List<KpiQueries.Result> results = KpiQueries.run(new Http(), "http://127.0.0.1:" + server.getAddress().getPort(),
                List.of("/region", "/national"), "token", Duration.ofMillis(200), 5, Duration.ofSeconds(10));

        assertThat(results).extracting(KpiQueries.Result::query).containsExactly("/region", "/national");
        assertThat(results).allSatisfy(result -> assertThat(result.latencies().count()).isEqualTo(5));
        List<String> warmUp = asked.subList(0, asked.size() - 10);
        assertThat(warmUp).contains("/region", "/national");
        assertThat(warmUp.get(warmUp.size() - 1)).as("the last warm-up query").isEqualTo("/national");
        assertThat(asked.subList(asked.size() - 10, asked.size()))
                .containsExactly("/region", "/region", "/region", "/region", "/region", "/national", "/national", "/national", "/national", "/national");
    }
}
