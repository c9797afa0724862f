package fi.ips.gateway.apidocs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One OpenAPI document for the whole public API, gathered from the services' own documents
 * ({@code /v3/api-docs} of each) at request time, so it always matches what runs. A service
 * that does not answer is listed under {@code x-unavailable-services} instead of failing the whole.
 */
@RestController
class ApiDocsController {

    private static final Logger log = LoggerFactory.getLogger(ApiDocsController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(5);

    private final WebClient http = WebClient.create();
    private final Map<String, String> services = new LinkedHashMap<>();

    ApiDocsController(@Value("${ips.routes.referral-service}") String referrals,
                      @Value("${ips.routes.placement-service}") String placements,
                      @Value("${ips.routes.outcomes-service}") String outcomes,
                      @Value("${ips.routes.import-service}") String imports) {
        services.put("referral-service", referrals);
        services.put("placement-service", placements);
        services.put("outcomes-service", outcomes);
        services.put("import-service", imports);
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<JsonNode> apiDocs() {
        return Flux.fromIterable(services.entrySet())
                .concatMap(service -> http.get().uri(service.getValue() + "/v3/api-docs").retrieve()
                        .bodyToMono(byte[].class).timeout(SERVICE_TIMEOUT)
                        .map(body -> Map.entry(service.getKey(), JSON.readTree(body)))
                        .onErrorResume(e -> {
                            log.warn("No API document from {}: {}", service.getKey(), e.toString());
                            return Mono.just(Map.entry(service.getKey(), JSON.nullNode()));
                        }))
                .collectList()
                .map(documents -> {
                    ObjectNode merged = skeleton();
                    ArrayNode unavailable = JSON.createArrayNode();
                    for (Map.Entry<String, JsonNode> document : documents) {
                        if (document.getValue().isNull()) {
                            unavailable.add(document.getKey());
                        } else {
                            mergeInto(merged, document.getValue());
                        }
                    }
                    if (!unavailable.isEmpty()) {
                        merged.set("x-unavailable-services", unavailable);
                    }
                    return merged;
                });
    }

    private static ObjectNode skeleton() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info").put("title", "IPS outcomes platform API").put("version", "v1")
                .put("description", "The public API of the IPS outcomes platform, through the gateway. "
                        + "Every call needs an OAuth2 access token (JWT) with the roles and regions claims, but the open figures "
                        + "(/api/v1/outcomes/public) and the event contract (/api/v1/streams/asyncapi.json, /api/v1/streams/schemas/…); "
                        + "errors are RFC 9457 problem+json.");
        doc.putArray("servers").addObject().put("url", "/");
        doc.putObject("paths");
        doc.putObject("components").putObject("securitySchemes").putObject("bearer")
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
        doc.putArray("security").addObject().putArray("bearer");
        return doc;
    }

    /** Paths are the services' own (they do not overlap); a schema name seen twice keeps its first definition. */
    private static void mergeInto(ObjectNode merged, JsonNode service) {
        ObjectNode paths = (ObjectNode) merged.get("paths");
        service.path("paths").properties().forEach(path -> paths.set(path.getKey(), path.getValue()));
        ObjectNode components = (ObjectNode) merged.get("components");
        service.path("components").properties().forEach(kind -> {
            if (kind.getValue().isObject()) {
                ObjectNode target = components.has(kind.getKey()) ? (ObjectNode) components.get(kind.getKey()) : components.putObject(kind.getKey());
                kind.getValue().properties().forEach(entry -> {
                    if (!target.has(entry.getKey())) {
                        target.set(entry.getKey(), entry.getValue());
                    }
                });
            }
        });
    }
}
