package fi.ips.events;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;

/**
 * The AsyncAPI 3.0 document of the event streams, made from the code: every {@link EventType},
 * its record's components as a JSON Schema (the {@code @Nullable} ones optional), an example
 * and the CloudEvents headers. The document in the repository
 * ({@value #DOCUMENT}) must be exactly what this makes ({@code AsyncApiTest}).
 */
final class AsyncApiContract {

    static final String DOCUMENT = "src/main/resources/fi/ips/events/asyncapi.json";
    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** What each event means, for readers who do not read our code. */
    private static final Map<EventType, String> MEANING = Map.ofEntries(
            entry(EventType.CLIENT_REFERRED, "A client was referred to IPS (lähete) by care staff or by themself."),
            entry(EventType.REFERRAL_DECLINED, "The IPS project declined the referral; the reason is given."),
            entry(EventType.REFERRAL_WITHDRAWN, "The client withdrew before a cooperation agreement was signed."),
            entry(EventType.AGREEMENT_SIGNED, "The cooperation agreement (yhteistyösopimus) was signed: the client is on the caseload and counts in the employment rate."),
            entry(EventType.SERVICE_ENDED, "The client's IPS service ended; the reason is given."),
            entry(EventType.REFERRAL_VOIDED, "Correction: the referral was entered by mistake; the client and all its events count nowhere."),
            entry(EventType.REFERRAL_DATE_CORRECTED, "Correction: the referral date was wrong; this is the right one."),
            entry(EventType.AGREEMENT_DATE_CORRECTED, "Correction: the agreement date was wrong; this is the right one."),
            entry(EventType.SERVICE_END_DATE_CORRECTED, "Correction: the date the service ended was wrong; this is the right one."),
            entry(EventType.JOB_STARTED, "A client started a job. Paid jobs (open market or supported) started on or after the agreement count as employment; existingJob marks job retention."),
            entry(EventType.JOB_ENDED, "A job ended; the reason is given."),
            entry(EventType.JOB_VOIDED, "Correction: the job was entered by mistake and counts nowhere."),
            entry(EventType.JOB_START_DATE_CORRECTED, "Correction: the job's start date was wrong; this is the right one."),
            entry(EventType.JOB_END_DATE_CORRECTED, "Correction: the job's end date was wrong; this is the right one."),
            entry(EventType.STUDIES_STARTED, "A client started studies: attachment to studies, not employment."),
            entry(EventType.STUDIES_ENDED, "Studies ended, completed or interrupted."),
            entry(EventType.STUDIES_VOIDED, "Correction: the studies were entered by mistake and count nowhere."),
            entry(EventType.STUDIES_START_DATE_CORRECTED, "Correction: the studies' start date was wrong; this is the right one."),
            entry(EventType.STUDIES_END_DATE_CORRECTED, "Correction: the studies' end date was wrong; this is the right one."),
            entry(EventType.FIDELITY_REVIEWED, "A county's IPS service was reviewed for fidelity on the IPS-25 scale (laatuarviointi): 25 items scored 1-5, a total of 25-125, 100 or more good. A higher revision of the same region and reviewedOn replaces it."),
            entry(EventType.FIDELITY_REVIEW_VOIDED, "Correction: the fidelity review was entered by mistake and counts nowhere (unless a higher revision records it again)."));
    /** The channel of each topic in the document. */
    private static final Map<String, String> CHANNEL = Map.of(Topics.REFERRALS, "referrals", Topics.PLACEMENTS, "placements",
            Topics.FIDELITY, "fidelity");

    private AsyncApiContract() {
    }

    /** Writes the document into the repository: {@code ./mvnw -pl events test -Dips.asyncapi.write=true}. */
    static void write() {
        JSON.writeValue(Path.of(DOCUMENT).toFile(), generate());
    }

    static ObjectNode generate() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("asyncapi", "3.0.0");
        doc.putObject("info")
                .put("title", "IPS outcomes platform: event streams")
                .put("version", "1.0.0")
                .put("description", """
                        What happens to the clients of Finland's IPS (Individual Placement and Support) projects, as \
                        events. Three Kafka topics: two of clients' journeys, keyed by the pseudonymous client id so \
                        that a client's events keep their order, and one of the counties' fidelity reviews, keyed by \
                        the region code. Every record carries CloudEvents 1.0 headers in binary mode; the value is \
                        the event as JSON. The same events are offered as Server-Sent Events at \
                        /api/v1/streams/events (CloudEvents in structured mode, ids pseudonymised per integrator). \
                        Within a version, changes are additive only: consumers ignore fields they do not know. \
                        Anything else gets a new type name, and the old one is kept for a deprecation period. \
                        See docs/integrators.md.""");
        doc.put("defaultContentType", "application/json");
        doc.putObject("servers").putObject("local")
                .put("host", "localhost:9092")
                .put("protocol", "kafka")
                .put("description", "The local platform (./platform); production brokers are given to each integrator.");
        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("CloudEventHeaders", cloudEventHeaders());
        channel(channels, operations, "referrals", Topics.REFERRALS,
                "referral-service's events: referral, decline, withdrawal, agreement, end of service and their corrections.");
        channel(channels, operations, "placements", Topics.PLACEMENTS,
                "placement-service's events: jobs and studies, their ends and their corrections.");
        channel(channels, operations, "fidelity", Topics.FIDELITY,
                "referral-service's events of the counties' fidelity reviews (IPS-25) and their voiding; about services, not clients.");
        for (EventType type : EventType.values()) {
            String channel = CHANNEL.get(type.topic());
            channels.withObject("/" + channel).withObject("/messages").putObject(type.ceType())
                    .put("$ref", "#/components/messages/" + type.ceType());
            ((ArrayNode) operations.withObject("/receive-" + channel).get("messages")).addObject()
                    .put("$ref", "#/channels/" + channel + "/messages/" + type.ceType());
            messages.set(type.ceType(), message(type));
            schemas.set(type.ceType(), payloadSchema(type, type.schemaVersion()));
            if (type.schemaVersion() > IpsEvent.INITIAL_SCHEMA_VERSION) {
                for (int version = IpsEvent.INITIAL_SCHEMA_VERSION; version <= type.schemaVersion(); version++) {
                    schemas.set(versionKey(type, version), payloadSchema(type, version));
                }
            }
        }
        return doc;
    }

    private static void channel(ObjectNode channels, ObjectNode operations, String name, String topic, String description) {
        ObjectNode channel = channels.putObject(name);
        channel.put("address", topic).put("description", description);
        channel.putObject("messages");
        channel.putObject("bindings").putObject("kafka")
                .put("topic", topic)
                .put("bindingVersion", "0.5.0")
                .putObject("topicConfiguration").put("retention.ms", -1);
        ObjectNode operation = operations.putObject("receive-" + name);
        operation.put("action", "receive");
        operation.putObject("channel").put("$ref", "#/channels/" + name);
        operation.put("summary", "Subscribe to " + topic + ": at least once, in order per "
                + (topic.equals(Topics.FIDELITY) ? "region" : "client") + "; de-duplicate by ce_id.");
        operation.putArray("messages");
    }

    private static ObjectNode message(EventType type) {
        ObjectNode message = JSON.createObjectNode();
        message.put("name", type.ceType()).put("title", type.eventClass().getSimpleName()).put("summary", MEANING.get(type));
        message.put("contentType", "application/json");
        message.putObject("headers").put("$ref", "#/components/schemas/CloudEventHeaders");
        message.putObject("payload").put("$ref", "#/components/schemas/" + type.ceType());
        message.putObject("bindings").putObject("kafka")
                .put("bindingVersion", "0.5.0")
                .putObject("key").put("type", "string").put("description",
                        type.topic().equals(Topics.FIDELITY) ? "The region code." : "The pseudonymous client id.");
        ObjectNode example = message.putArray("examples").addObject();
        example.put("name", "example");
        example.putObject("headers")
                .put("ce_specversion", "1.0")
                .put("ce_id", "5a0b7c1e-3d2f-4a6b-9c8d-0e1f2a3b4c5d")
                .put("ce_source", type.topic().equals(Topics.PLACEMENTS) ? "/ips/placement-service" : "/ips/referral-service")
                .put("ce_type", type.ceType())
                .put("ce_subject", example(type).subject())
                .put("ce_time", "2022-04-04T09:30:00Z")
                .put("content-type", "application/json");
        example.set("payload", JSON.valueToTree(example(type)));
        return message;
    }

    private static ObjectNode cloudEventHeaders() {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "object").put("description", "CloudEvents 1.0 attributes as Kafka headers (binary mode).");
        ArrayNode required = schema.putArray("required");
        ObjectNode properties = schema.putObject("properties");
        for (String[] header : new String[][]{
                {"ce_specversion", "Always 1.0."},
                {"ce_id", "The event's id in the producing service's event store: the same on every re-send, so duplicates are recognisable."},
                {"ce_source", "The producing service, e.g. /ips/referral-service."},
                {"ce_type", "The event type, e.g. fi.ips.job.started.v1: its last part is the schema version."},
                {"ce_subject", "What the event is about, also the record key: the pseudonymous client id, or a fidelity review's region code."},
                {"ce_time", "When the event was stored (RFC 3339); the day it happened is in the payload."},
                {"content-type", "Always application/json."}}) {
            properties.putObject(header[0]).put("type", "string").put("description", header[1]);
            required.add(header[0]);
        }
        properties.putObject("ce_correlationid").put("type", "string")
                .put("description", "The request that caused the event (the gateway's X-Correlation-Id), when there was one.");
        return schema;
    }

    /** Where a type's schema of a version is kept, for types with more than one: e.g. {@code fi.ips.job.started.v1.schema-1}. */
    static String versionKey(EventType type, int version) {
        return type.ceType() + ".schema-" + version;
    }

    /**
     * The record as of a schema version as JSON Schema (draft-07), self-contained so that it can be
     * served on its own. It admits later versions' payloads: their added fields are optional and
     * {@code schemaVersion} is at least the version.
     */
    static ObjectNode payloadSchema(EventType type, int version) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema.put("title", type.ceType()).put("description", MEANING.get(type) + " Schema version " + version + ".");
        schema.put("type", "object");
        ArrayNode required = schema.putArray("required");
        ObjectNode properties = schema.putObject("properties");
        for (RecordComponent component : type.eventClass().getRecordComponents()) {
            SinceSchemaVersion since = component.getAnnotation(SinceSchemaVersion.class);
            if (since != null && since.value() > version) {
                continue;
            }
            boolean optional = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
            ObjectNode property = component.getType() == List.class
                    ? listSchema(component, optional)
                    : propertySchema(component.getType(), optional);
            switch (component.getName()) {
                case "schemaVersion" -> property.put("minimum", version);
                case "revision" -> property.put("minimum", 1);
                case "score" -> property.put("minimum", FidelityReviewedEvent.MIN_SCORE).put("maximum", FidelityReviewedEvent.MAX_SCORE);
                default -> { }
            }
            properties.set(component.getName(), property);
            if (!optional) {
                required.add(component.getName());
            }
        }
        return schema;
    }

    private static ObjectNode propertySchema(Class<?> javaType, boolean optional) {
        ObjectNode property = JSON.createObjectNode();
        String jsonType;
        if (javaType == String.class) {
            jsonType = "string";
            property.put("minLength", 1).put("maxLength", 64);
        } else if (javaType == LocalDate.class) {
            jsonType = "string";
            property.put("format", "date");
        } else if (javaType == int.class || javaType == Integer.class) {
            jsonType = "integer";
        } else if (javaType == boolean.class || javaType == Boolean.class) {
            jsonType = "boolean";
        } else if (javaType.isEnum()) {
            jsonType = "string";
            ArrayNode values = property.putArray("enum");
            Arrays.stream(javaType.getEnumConstants()).map(JSON::valueToTree).forEach(value -> values.add((JsonNode) value));
            if (optional) {
                values.addNull();
            }
        } else {
            throw new IllegalArgumentException("no JSON Schema mapping for " + javaType + ": add one to AsyncApiContract");
        }
        if (optional) {
            property.putArray("type").add(jsonType).add("null");
        } else {
            property.put("type", jsonType);
        }
        return property;
    }

    /** A list field: so far only the fidelity review's item scores. */
    private static ObjectNode listSchema(RecordComponent component, boolean optional) {
        if (!component.getName().equals("itemScores")) {
            throw new IllegalArgumentException("no JSON Schema mapping for the list " + component.getName() + ": add one to AsyncApiContract");
        }
        ObjectNode property = JSON.createObjectNode();
        if (optional) {
            property.putArray("type").add("array").add("null");
        } else {
            property.put("type", "array");
        }
        property.put("minItems", FidelityReviewedEvent.ITEMS).put("maxItems", FidelityReviewedEvent.ITEMS);
        property.putObject("items").put("type", "integer").put("minimum", 1).put("maximum", 5);
        return property;
    }

    /** An example event of the type, with plausible values. */
    static IpsEvent example(EventType type) {
        RecordComponent[] components = type.eventClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = switch (components[i].getName()) {
                case "schemaVersion" -> type.schemaVersion();
                // A review is voided after it was recorded: its second revision at the least.
                case "revision" -> type == EventType.FIDELITY_REVIEW_VOIDED ? 2 : 1;
                default -> exampleValue(components[i].getName(), types[i]);
            };
        }
        try {
            return type.eventClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no canonical constructor on " + type.eventClass(), e);
        }
    }

    static Object exampleValue(String name, Class<?> type) {
        return switch (name) {
            case "clientId" -> "pk-0001";
            case "jobId" -> "pk-0001-job-1";
            case "studyId" -> "pk-0001-studies-1";
            case "weeklyHours" -> 25;
            case "occupation" -> 5;
            case "revision" -> 1;
            case "score" -> 108;
            case "itemScores" -> List.of(5, 4, 5, 4, 4, 5, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4, 4, 5, 4, 4, 4, 4, 5, 4, 4);
            default -> type == Region.class ? Region.ofCode("14")
                    : type == LocalDate.class ? LocalDate.of(2022, 4, 4)
                    : type.isEnum() ? type.getEnumConstants()[0]
                    : type == boolean.class ? false
                    : defaultOf(name, type);
        };
    }

    private static Object defaultOf(String name, Class<?> type) {
        List<Class<?>> known = List.of(String.class, Integer.class, Boolean.class);
        if (!known.contains(type)) {
            throw new IllegalArgumentException("no example value for " + name + " (" + type + "): add one to AsyncApiContract");
        }
        return type == String.class ? "example" : type == Integer.class ? 1 : Boolean.FALSE;
    }
}
