package fi.ips.system;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static fi.ips.system.RunningPlatform.get;
import static fi.ips.system.RunningPlatform.post;
import static fi.ips.system.RunningPlatform.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, through the gateway, with tokens of the real authorisation server and the
 * real services behind it.
 */
class GatewaySecurityIT {

    private static final String REFERRAL = "{\"clientId\":\"%s\",\"region\":\"%s\",\"referredOn\":\"2022-03-01\",\"source\":\"OTHER\"}";

    @BeforeAll
    static void aClientOfPohjoisKarjala() {
        HttpResponse<String> referred = post("/api/v1/referrals", token("region-14"), REFERRAL.formatted("security-14", "14"));
        assertThat(referred.statusCode()).as(referred.body()).isIn(201);
    }

    @ParameterizedTest
    @CsvSource({"GET,/api/v1/referrals/security-14", "POST,/api/v1/referrals", "POST,/api/v1/referrals/security-14/agreement",
            "POST,/api/v1/jobs", "GET,/api/v1/jobs/j-1", "POST,/api/v1/studies", "GET,/api/v1/clients/security-14/placements",
            "GET,/api/v1/outcomes/national", "GET,/api/v1/outcomes/regions/14", "GET,/api/v1/streams/events",
            "POST,/api/v1/imports", "PUT,/api/v1/fidelity-reviews/14/2024-03-15", "GET,/api/v1/outcomes/fidelity",
            "GET,/api/v1/no-such-route"})
    void withoutATokenEveryRouteAnswers401(String method, String path) {
        HttpResponse<String> response = send(method, path, null, "{}");

        assertProblem(response, 401, "authentication-required");
    }

    @ParameterizedTest
    @CsvSource({"coordinator,POST,/api/v1/referrals", "coordinator,POST,/api/v1/jobs", "coordinator,POST,/api/v1/imports",
            "integrator,POST,/api/v1/referrals", "integrator,GET,/api/v1/referrals/security-14",
            "integrator,GET,/api/v1/outcomes/national", "integrator,GET,/api/v1/clients/security-14/placements",
            "region-14,GET,/api/v1/streams/events", "coordinator,PUT,/api/v1/fidelity-reviews/14/2024-03-15",
            "coordinator,DELETE,/api/v1/fidelity-reviews/14/2024-03-15", "integrator,GET,/api/v1/fidelity-reviews/14",
            "integrator,GET,/api/v1/outcomes/fidelity"})
    void theWrongRoleAnswers403(String client, String method, String path) {
        HttpResponse<String> response = send(method, path, token(client), REFERRAL.formatted("never-stored", "14"));

        assertProblem(response, 403, "role-required");
    }

    @Test
    void anotherRegionsRecordsAreNotRevealed() {
        assertProblem(get("/api/v1/referrals/security-14", token("region-21")), 404, "not-found");
        assertProblem(post("/api/v1/referrals/security-14/agreement", token("region-21"), "{\"signedOn\":\"2022-03-02\"}"), 404, "not-found");
        // Another county's figures are refused, not hidden: which counties there are is no secret.
        assertProblem(get("/api/v1/outcomes/regions/14", token("region-21")), 403, "own-region-only");
    }

    @Test
    void aCountyMaySubmitOnlyForItsOwnRegion() {
        assertProblem(post("/api/v1/referrals", token("region-14"), REFERRAL.formatted("security-21", "21")), 403, "own-region-only");
    }

    @Test
    void theRightTokenSucceeds() {
        assertThat(get("/api/v1/referrals/security-14", token("region-14")).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/referrals/security-14", token("coordinator")).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/outcomes/regions/14", token("region-14")).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/outcomes/regions/21", token("coordinator")).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/outcomes/national", token("region-14")).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/outcomes/national", token("coordinator")).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/fidelity-reviews/14", token("region-14")).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/fidelity-reviews/14", token("coordinator")).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/outcomes/fidelity", token("region-14")).statusCode()).isEqualTo(200);
    }

    @Test
    void aForgedTokenIsRefused() {
        String real = token("region-14");
        String[] parts = real.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertProblem(get("/api/v1/outcomes/national", forged), 401, "authentication-required");
    }

    /**
     * A token of the same identity provider for another application, with the coordinator's claims,
     * is refused by the gateway (its own dashboard session path, which no service answers) and by a
     * service reached directly; the coordinator's own is accepted by both.
     */
    @Test
    void aTokenForAnotherApplicationIsRefused() {
        String other = token("other-application");
        assertProblem(get("/dashboard/session", other), 401, "authentication-required");
        assertThat(get("/dashboard/session", token("coordinator")).statusCode()).isEqualTo(200);
        assertProblem(get("/api/v1/outcomes/national", other), 401, "authentication-required");
        String direct = "http://localhost:" + RunningPlatform.PORTS.referral() + "/api/v1/referrals/security-14";
        assertProblem(RunningPlatform.send(HttpRequest.newBuilder(URI.create(direct)).GET(), other), 401, "authentication-required");
        assertThat(RunningPlatform.send(HttpRequest.newBuilder(URI.create(direct)).GET(), token("coordinator")).statusCode()).isEqualTo(200);
    }

    @Test
    void openEndpointsNeedNoToken() {
        assertThat(RunningPlatform.send(HttpRequest.newBuilder(URI.create("http://localhost:" + RunningPlatform.PORTS.gatewayManagement()
                + "/actuator/health")).GET(), null).statusCode()).as("health, on the gateway's management port").isEqualTo(200);
        assertThat(get("/actuator/health", null).statusCode()).as("no actuator on the public port").isEqualTo(404);
        assertThat(get("/swagger-ui.html", null).statusCode()).isEqualTo(200);
        HttpResponse<String> open = get("/api/v1/outcomes/public", null);
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat((List<Object>) JsonPath.read(open.body(), "$[*].suppressed")).hasSize(24);
    }

    @Test
    void oneApiDocumentGathersEveryServicesPaths() {
        HttpResponse<String> docs = get("/v3/api-docs", null);

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat((java.util.Map<String, Object>) JsonPath.read(docs.body(), "$.paths"))
                .containsKeys("/api/v1/referrals", "/api/v1/referrals/{clientId}/agreement", "/api/v1/outcomes/national",
                        "/api/v1/fidelity-reviews/{region}/{reviewedOn}", "/api/v1/outcomes/fidelity");
        assertThat((String) JsonPath.read(docs.body(), "$.components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        assertThat(docs.body()).doesNotContain("x-unavailable-services");
    }

    @Test
    void theServicesRefuseCallsThatBypassTheGateway() {
        HttpResponse<String> direct = RunningPlatform.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + RunningPlatform.PORTS.referral() + "/api/v1/referrals/security-14")).GET(), null);

        assertProblem(direct, 401, "authentication-required");
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) {
        return RunningPlatform.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(RunningPlatform.gatewayUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, "GET".equals(method) ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body)), token);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String rule) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(response.body(), "$.rule")).isEqualTo(rule);
    }
}
