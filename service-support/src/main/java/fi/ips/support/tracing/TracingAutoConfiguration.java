package fi.ips.support.tracing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/** Carries the request's correlation id into the logs, the commands, their events and Kafka. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OncePerRequestFilter.class)
class TracingAutoConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    OncePerRequestFilter correlationIdFilter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String given = request.getHeader(CorrelationId.HEADER);
                String correlationId = CorrelationId.isAcceptable(given) ? given : UUID.randomUUID().toString();
                MDC.put(CorrelationId.KEY, correlationId);
                response.setHeader(CorrelationId.HEADER, correlationId);
                try {
                    chain.doFilter(request, response);
                } finally {
                    MDC.remove(CorrelationId.KEY);
                }
            }
        };
    }

    /** The command carries the request's correlation id; Axon copies it onto the events the command causes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(CommandMessage.class)
    static class CommandCorrelation {

        @Bean
        MessageDispatchInterceptor<CommandMessage<?>> correlationIdOnCommands() {
            return messages -> (index, command) -> {
                String correlationId = MDC.get(CorrelationId.KEY);
                return correlationId == null ? command : command.andMetaData(Map.of(CorrelationId.METADATA_KEY, correlationId));
            };
        }

        @Bean
        CorrelationDataProvider requestCorrelationIdProvider() {
            return new SimpleCorrelationDataProvider(CorrelationId.METADATA_KEY);
        }
    }
}
