package fi.ips.outcomes.stream;

import fi.ips.support.problem.RuleViolationException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;

/**
 * The streams' published contract, open to anyone: the AsyncAPI document of the events module
 * and each event type's JSON Schema from it.
 */
@RestController
@RequestMapping("/api/v1/streams")
class StreamContractController {

    private static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

    private final JsonNode document;

    StreamContractController() throws IOException {
        try (InputStream in = new ClassPathResource("fi/ips/events/asyncapi.json").getInputStream()) {
            document = JsonMapper.builder().build().readTree(in);
        }
    }

    @GetMapping(path = "/asyncapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode asyncApi() {
        return document;
    }

    /** @param type a CloudEvents type, e.g. {@code fi.ips.job.started.v1} */
    @GetMapping("/schemas/{type:.+}")
    ResponseEntity<JsonNode> schema(@PathVariable String type) {
        JsonNode schema = document.path("components").path("schemas").path(type);
        if (schema.isMissingNode() || type.equals("CloudEventHeaders")) {
            throw RuleViolationException.notFound("No such event type: the types are listed in /api/v1/streams/asyncapi.json");
        }
        return ResponseEntity.ok().contentType(SCHEMA_JSON).body(schema);
    }
}
