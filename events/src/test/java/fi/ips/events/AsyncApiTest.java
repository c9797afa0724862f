package fi.ips.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published AsyncAPI document is valid AsyncAPI 3.0 and says what the code does. After a
 * change to the events, regenerate it with {@code ./mvnw -pl events test -Dips.asyncapi.write=true}.
 */
class AsyncApiTest {

    /** networknt's validator reads Jackson 2 trees. */
    private static final ObjectMapper JACKSON_2 = new ObjectMapper();

    @Test
    void theDocumentInTheRepositoryIsTheOneTheCodeMakes() throws IOException {
        if (Boolean.getBoolean("ips.asyncapi.write")) {
            AsyncApiContract.write();
        }
        JsonNode committed = AsyncApiContract.JSON.readTree(Files.readString(Path.of(AsyncApiContract.DOCUMENT)));
        assertThat(committed)
                .as("%s differs from the events in the code: regenerate it with ./mvnw -pl events test -Dips.asyncapi.write=true",
                        AsyncApiContract.DOCUMENT)
                .isEqualTo(AsyncApiContract.generate());
    }

    @Test
    void theDocumentIsValidAsyncApi3() throws IOException {
        JsonSchema asyncApi3;
        try (InputStream schema = getClass().getResourceAsStream("/asyncapi-3.0.0.schema.json")) {
            asyncApi3 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        }
        com.fasterxml.jackson.databind.JsonNode document = JACKSON_2.readTree(Path.of(AsyncApiContract.DOCUMENT).toFile());
        Set<ValidationMessage> problems = asyncApi3.validate(document);
        assertThat(problems).isEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode) document.at("/operations/receive-referrals")).put("action", "listen");
        assertThat(asyncApi3.validate(document)).as("the validator catches a broken document").isNotEmpty();
    }

    @Test
    void everyTypeHasAMessageWhoseExampleIsAValidEventOfThatType() throws IOException {
        com.fasterxml.jackson.databind.JsonNode document = JACKSON_2.readTree(Path.of(AsyncApiContract.DOCUMENT).toFile());
        JsonSchemaFactory draft7 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        for (EventType type : EventType.values()) {
            com.fasterxml.jackson.databind.JsonNode message = document.at("/components/messages/" + type.ceType().replace("/", "~1"));
            assertThat(message.isMissingNode()).as(type.ceType()).isFalse();
            com.fasterxml.jackson.databind.JsonNode payload = message.at("/examples/0/payload");
            JsonSchema schema = draft7.getSchema(document.at("/components/schemas/" + type.ceType()));
            assertThat(schema.validate(payload)).as(type.ceType()).isEmpty();
            IpsEvent event = AsyncApiContract.JSON.readValue(payload.toString(), type.eventClass());
            assertThat(event).isEqualTo(AsyncApiContract.example(type));
            assertThat(document.at("/channels").toString()).contains("\"" + type.topic() + "\"");
        }
    }

    @Test
    void aConsumerOfAnEarlierSchemaVersionAcceptsTheLaterVersionsEvents() throws IOException {
        com.fasterxml.jackson.databind.JsonNode document = JACKSON_2.readTree(Path.of(AsyncApiContract.DOCUMENT).toFile());
        JsonSchemaFactory draft7 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        com.fasterxml.jackson.databind.JsonNode v2 = document.at("/components/messages/fi.ips.job.started.v1/examples/0/payload");
        assertThat(v2.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(v2.has("fixedTerm")).isTrue();
        JsonSchema v1 = draft7.getSchema(document.at("/components/schemas/" + AsyncApiContract.versionKey(EventType.JOB_STARTED, 1)));
        assertThat(v1.validate(v2)).isEmpty();
        assertThat(document.at("/components/schemas/" + AsyncApiContract.versionKey(EventType.JOB_STARTED, 1) + "/properties").has("fixedTerm")).isFalse();
    }

    @Test
    void aPayloadWithoutARequiredFieldOrWithAWrongValueBreaksItsSchema() {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(AsyncApiContract.payloadSchema(EventType.JOB_STARTED, EventType.JOB_STARTED.schemaVersion()).toString());
        assertThat(schema.validate("""
                {"jobId":"j","clientId":"c","region":"14","startedOn":"2022-04-04","jobType":"PAID_OPEN_MARKET",
                 "weeklyHours":null,"employerSector":null,"occupation":null,"existingJob":false,"fixedTerm":null,"schemaVersion":2}""",
                com.networknt.schema.InputFormat.JSON)).isEmpty();
        assertThat(schema.validate("""
                {"jobId":"j","clientId":"c","region":"99","startedOn":"2022-04-04","jobType":"PAID_OPEN_MARKET",
                 "existingJob":false,"schemaVersion":2}""", com.networknt.schema.InputFormat.JSON))
                .extracting(ValidationMessage::getInstanceLocation).extracting(Object::toString).contains("$.region");
        assertThat(schema.validate("""
                {"jobId":"j","region":"14","startedOn":"2022-04-04","jobType":"PAID_OPEN_MARKET","existingJob":false,"schemaVersion":1}""",
                com.networknt.schema.InputFormat.JSON)).isNotEmpty();
    }
}
