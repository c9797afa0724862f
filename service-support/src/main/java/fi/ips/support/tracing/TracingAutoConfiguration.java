package fi.ips.support.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Carries the request's correlation id into the logs, the commands, their events and Kafka, and
 * the request's trace along the same way.
 */
@AutoConfiguration
class TracingAutoConfiguration {

    /** Without a tracer (tracing switched off) nothing is carried, and nothing fails. */
    @Bean
    TraceContexts traceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TraceContexts(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(OncePerRequestFilter.class)
    static class RequestCorrelation {

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
    }

    /**
     * The command carries the request's correlation id and trace context; Axon copies both onto the
     * events the command causes.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(CommandMessage.class)
    static class CommandCorrelation {

        @Bean
        MessageDispatchInterceptor<CommandMessage<?>> correlationOnCommands(TraceContexts traces) {
            return messages -> (index, command) -> {
                Map<String, Object> metadata = new HashMap<>(traces.current());
                String correlationId = MDC.get(CorrelationId.KEY);
                if (correlationId != null) {
                    metadata.put(CorrelationId.METADATA_KEY, correlationId);
                }
                return metadata.isEmpty() ? command : command.andMetaData(metadata);
            };
        }

        @Bean
        CorrelationDataProvider requestCorrelationProvider(TraceContexts traces) {
            return new SimpleCorrelationDataProvider(Stream.concat(
                    Stream.of(CorrelationId.METADATA_KEY), traces.fields().stream()).toArray(String[]::new));
        }
    }
}
