package fi.ips.bench.platform;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of the local demo clients ({@code region-XX}, {@code coordinator}), from the
 * authorisation server's client credentials grant, as a county's system gets them. A token is
 * fetched again before it expires (the server's tokens live 5 minutes; a full run lasts longer).
 */
public final class Tokens {

    private static final Duration REFRESH_AFTER = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Held(String token, long fetchedAt) {
    }

    private final String authUrl;
    private final Http http;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    public Tokens(String authUrl, Http http) {
        this.authUrl = authUrl;
        this.http = http;
    }

    public String region(String code) {
        return of("region-" + code);
    }

    public String coordinator() {
        return of("coordinator");
    }

    private String of(String clientId) {
        return held.compute(clientId, (id, current) ->
                current != null && System.nanoTime() - current.fetchedAt() < REFRESH_AFTER.toNanos() ? current : fetch(id)).token();
    }

    private Held fetch(String clientId) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientId + "-secret").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(authUrl + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        try {
            HttpResponse<String> response = http.client().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no token for " + clientId + ": " + response.statusCode() + " " + response.body());
            }
            return new Held(JSON.readTree(response.body()).get("access_token").asText(), System.nanoTime());
        } catch (IOException e) {
            throw new UncheckedIOException("no token for " + clientId + " from " + authUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
