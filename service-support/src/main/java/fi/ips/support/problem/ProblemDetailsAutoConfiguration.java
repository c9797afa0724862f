package fi.ips.support.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.web.servlet.DispatcherServlet;

/** problem+json answers in every servlet-based service, and strictly read request bodies. */
@AutoConfiguration
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemDetailsAdvice.class)
class ProblemDetailsAutoConfiguration {

    @Bean
    StrictRequestJson strictRequestJson(JsonMapper jsonMapper) {
        return new StrictRequestJson(jsonMapper);
    }

    /** After Spring Boot's own: its JSON converter is replaced by the strict one. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer strictRequestJsonConverter(StrictRequestJson strictRequestJson) {
        return strictRequestJson.customizer();
    }
}
