package fi.ips.auth;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo credentials of the local profile give tokens with the platform's roles and regions. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ips.gateway-url=http://localhost:8080")
@ActiveProfiles("local")
class DemoIdentitiesTest {

    private static final String REDIRECT = "http://localhost:8080/login/oauth2/code/ips";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void aCountysSystemGetsItsRoleAndRegion() throws Exception {
        Map<String, Object> claims = claims(clientCredentials("region-16", "region-16-secret").body());

        assertThat(claims).containsEntry("sub", "region-16").containsEntry("roles", List.of("COUNTY")).containsEntry("regions", List.of("16"))
                .containsEntry("aud", "ips-platform");
    }

    @Test
    void theCoordinatorGetsNoRegionAndIntegratorsTheRegionsGrantedToThem() throws Exception {
        assertThat(claims(clientCredentials("coordinator", "coordinator-secret").body()))
                .containsEntry("roles", List.of("COORDINATOR")).containsEntry("regions", List.of());
        assertThat(claims(clientCredentials("integrator", "integrator-secret").body()))
                .containsEntry("roles", List.of("INTEGRATOR"))
                .hasEntrySatisfying("regions", regions -> assertThat((List<Object>) regions).hasSize(23));
        assertThat(claims(clientCredentials("integrator-14", "integrator-14-secret").body()))
                .containsEntry("roles", List.of("INTEGRATOR")).containsEntry("regions", List.of("14"));
    }

    @Test
    void theImportServiceMaySubmitForEveryCounty() throws Exception {
        assertThat(claims(clientCredentials("import-service", "import-service-secret").body()))
                .containsEntry("roles", List.of("COUNTY"))
                .hasEntrySatisfying("regions", regions -> assertThat((List<Object>) regions).hasSize(23).contains("14", "90"));
    }

    @Test
    void anotherApplicationsTokensAreForItsOwnAudience() throws Exception {
        assertThat(claims(clientCredentials("other-application", "other-application-secret").body()))
                .containsEntry("roles", List.of("COORDINATOR")).containsEntry("aud", "other-application");
    }

    @Test
    void aWrongSecretGetsNoToken() throws Exception {
        assertThat(clientCredentials("region-16", "region-14-secret").statusCode()).isEqualTo(401);
    }

    @Test
    void aPersonLogsInWithTheAuthorizationCodeFlowAndPkce() throws Exception {
        String verifier = "demo-verifier-0123456789-0123456789-0123456789";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = base() + "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", "dashboard",
                "redirect_uri", REDIRECT, "scope", "openid", "state", "s1",
                "code_challenge", challenge, "code_challenge_method", "S256"));

        HttpResponse<String> toLogin = http.send(HttpRequest.newBuilder(URI.create(authorize)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(toLogin.statusCode()).isEqualTo(302);
        String loginPage = http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).as("login page has a CSRF token").isTrue();

        HttpResponse<String> loggedIn = http.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "county-14", "password", "county-14-password",
                        "_csrf", csrf.group(1))))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> toClient = http.send(HttpRequest.newBuilder(URI.create(loggedIn.headers().firstValue("Location").orElseThrow())).build(),
                HttpResponse.BodyHandlers.ofString());
        String callback = toClient.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(REDIRECT + "?code=");
        String code = callback.replaceAll(".*[?&]code=([^&]+).*", "$1");

        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "client_id", "dashboard",
                        "code", java.net.URLDecoder.decode(code, StandardCharsets.UTF_8), "redirect_uri", REDIRECT, "code_verifier", verifier)))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(claims(token.body())).containsEntry("sub", "county-14")
                .containsEntry("roles", List.of("COUNTY")).containsEntry("regions", List.of("14"))
                .containsEntry("aud", "ips-platform");
        // The ID token is for the dashboard only: the platform's gateway and services refuse it as an access token.
        assertThat(payload(JsonPath.read(token.body(), "$.id_token"))).containsEntry("aud", "dashboard");
    }

    private HttpResponse<String> clientCredentials(String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> claims(String tokenResponse) {
        return payload(JsonPath.read(tokenResponse, "$.access_token"));
    }

    private static Map<String, Object> payload(String token) {
        return JsonPath.read(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8), "$");
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
