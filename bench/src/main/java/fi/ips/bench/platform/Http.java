package fi.ips.bench.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The benchmark's HTTP client: every call answers a {@link Response}, a failure included, so that a
 * refused or lost request is counted as an error and never ends the run.
 */
public final class Http {

    /** An answer, or {@code status} -1 and {@code failure} when there was none. */
    public record Response(int status, String body, long nanos, String location, String failure) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** What went wrong, for counting errors by kind: the status, or the exception's class. */
        public String errorKind() {
            return status < 0 ? failure : Integer.toString(status);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public Response post(String url, String token, String contentType, String body) {
        return send(request(url, token).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response postJson(String url, String token, String json) {
        return post(url, token, "application/json", json);
    }

    public Response get(String url, String token) {
        return send(request(url, token).GET());
    }

    private static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private Response send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), System.nanoTime() - start,
                    response.headers().firstValue("Location").orElse(null), null);
        } catch (IOException e) {
            return new Response(-1, "", System.nanoTime() - start, null, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "", System.nanoTime() - start, null, "interrupted");
        }
    }

    public HttpClient client() {
        return client;
    }
}
