package fi.ips.support.problem;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import java.util.function.Consumer;

/**
 * Request bodies are read strictly, so that bad input is refused (400) rather than guessed at: a
 * field the API does not know (a name or an identity code slipped in under a key of its own), a
 * value of another JSON type than the field's (no number taken as text or as an enum's position,
 * no text as a number), a date that is not exactly {@code yyyy-MM-dd} (no time of day cut off), a
 * key given twice, anything after the JSON value. Responses, and the
 * services' own HTTP clients, keep Spring Boot's mapper.
 */
public final class StrictRequestJson {

    private final JsonMapper mapper;

    /** Built once a service, for its JSON converter and its batches' items. */
    StrictRequestJson(JsonMapper jsonMapper) {
        this.mapper = strict(jsonMapper);
    }

    /** Spring Boot's mapper reading as strictly as request bodies are read (also for a batch's items). */
    public JsonMapper mapper() {
        return mapper;
    }

    ServerHttpMessageConvertersCustomizer customizer() {
        return builder -> builder.withJsonConverter(new JacksonJsonHttpMessageConverter(mapper));
    }

    static JsonMapper strict(JsonMapper jsonMapper) {
        return jsonMapper.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .defaultLeniency(false)
                .withCoercionConfig(LogicalType.Textual, refuse(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Enum, refuse(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Integer, refuse(CoercionInputShape.String, CoercionInputShape.Float, CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Float, refuse(CoercionInputShape.String, CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Boolean, refuse(CoercionInputShape.String, CoercionInputShape.Integer, CoercionInputShape.Float))
                .build();
    }

    private static Consumer<MutableCoercionConfig> refuse(CoercionInputShape... shapes) {
        return config -> {
            for (CoercionInputShape shape : shapes) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        };
    }
}
