package fi.ips.system;

import com.jayway.jsonpath.JsonPath;
import fi.ips.local.LocalPlatform;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one platform all system tests share (starting it takes most of a minute): started on first
 * use with fresh data, stopped when the test JVM ends. Ports are moved by 10 000 so that a
 * developer's running platform does not clash.
 */
final class RunningPlatform {

    static final LocalPlatform.Ports PORTS = LocalPlatform.Ports.defaults().shiftedBy(10_000);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, KeptToken> TOKENS = new ConcurrentHashMap<>();
    /**
     * The authorisation server's tokens live 5 minutes, and an event stream ends when its token does:
     * a token is kept for 2 minutes at most, so that what a test opens with it lasts 3 minutes at least.
     */
    private static final Duration TOKEN_KEPT_FOR = Duration.ofMinutes(2);

    private record KeptToken(String value, long obtainedAt) {
    }
    private static LocalPlatform platform;
    private static LocalPlatform.Config config;

    private RunningPlatform() {
    }

    static synchronized String gatewayUrl() {
        if (platform == null) {
            Path data = Path.of(System.getProperty("ips.data", "target/platform-data"));
            try {
                FileSystemUtils.deleteRecursively(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TraceCollector.start();
            config = new LocalPlatform.Config(Path.of(System.getProperty("ips.home", "..")), data, PORTS, "256m");
            platform = LocalPlatform.start(config, System.out);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> platform.close()));
        }
        return platform.gatewayUrl();
    }

    static synchronized String authUrl() {
        gatewayUrl();
        return platform.authUrl();
    }

    /** The running platform, to kill, stop and restart its processes. */
    static synchronized LocalPlatform platform() {
        gatewayUrl();
        return platform;
    }

    /** Stops every process and starts them again on the same data. */
    static synchronized void restart() {
        gatewayUrl();
        platform.close();
        TOKENS.clear();
        platform = LocalPlatform.start(config, System.out);
    }

    /** A new access token of a demo client, for when the one kept has expired. */
    static String newToken(String clientId) {
        TOKENS.remove(clientId);
        return token(clientId);
    }

    /** An access token of a demo client (client credentials grant at the real authorisation server). */
    static String token(String clientId) {
        return TOKENS.compute(clientId, (id, kept) -> kept != null && System.nanoTime() - kept.obtainedAt() < TOKEN_KEPT_FOR.toNanos()
                ? kept : new KeptToken(obtain(id), System.nanoTime())).value();
    }

    private static String obtain(String id) {
        gatewayUrl();
        String basic = Base64.getEncoder().encodeToString((id + ":" + id + "-secret").getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORTS.auth() + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no token for " + id + ": " + response.statusCode() + " " + response.body());
            }
            return JsonPath.read(response.body(), "$.access_token");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> post(String path, String token, String json) {
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    static HttpResponse<String> put(String path, String token, String json) {
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    static HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl() + path)).GET(), token);
    }

    static HttpResponse<String> send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
