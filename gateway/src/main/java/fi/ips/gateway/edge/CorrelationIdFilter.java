package fi.ips.gateway.edge;

import fi.ips.support.privacy.PersonalIdentityCodes;
import fi.ips.support.tracing.CorrelationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Gives every request a correlation id (the caller's own {@code X-Correlation-Id} when it is a
 * plain token, a new one otherwise), passes it on to the services and back in the response, and
 * writes the access log: method, path without the query string (personal identity codes masked),
 * status, time, client. Never query strings or bodies: they may hold personal data.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIdFilter implements WebFilter {

    static final String HEADER = CorrelationId.HEADER;
    /** The client as known after authentication, for the access log (set by {@link RateLimitFilter}). */
    static final String CLIENT_ATTRIBUTE = CorrelationIdFilter.class.getName() + ".client";
    private static final Logger access = LoggerFactory.getLogger("fi.ips.gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String correlationId = CorrelationId.isAcceptable(given) ? given : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> h.set(HEADER, correlationId)).build();
        // Set as the response is written: a service's answer carries the id too, and copied in it came twice.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, correlationId);
            return Mono.empty();
        });
        ServerWebExchange traced = exchange.mutate().request(request).build();
        long start = System.nanoTime();
        return chain.filter(traced).doFinally(signal -> {
            // In the line's own field too (as the services' lines have it), not only in its text.
            try (MDC.MDCCloseable ignored = MDC.putCloseable(CorrelationId.KEY, correlationId)) {
                access.info("{} {} {} {}ms client={} correlationId={}",
                        request.getMethod(), PersonalIdentityCodes.maskedPath(request.getPath().value()), traced.getResponse().getStatusCode(),
                        (System.nanoTime() - start) / 1_000_000, traced.getAttributeOrDefault(CLIENT_ATTRIBUTE, "-"), correlationId);
            }
        });
    }
}
