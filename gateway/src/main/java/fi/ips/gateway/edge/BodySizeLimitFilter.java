package fi.ips.gateway.edge;

import fi.ips.gateway.problem.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses request bodies over the limit (413) before they reach a service; import files have a
 * limit of their own. A body sent without a length (chunked) is counted as it streams through: the
 * forwarding fails once it passes the limit, the service sees a request cut short, and the caller
 * gets 413 (GatewayErrorHandler answers the {@link DataBufferLimitException} so).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BodySizeLimitFilter implements WebFilter {

    private static final String IMPORTS = "/api/v1/imports";

    private final long maxBytes;
    private final long maxImportBytes;

    BodySizeLimitFilter(@Value("${ips.gateway.max-body-size:1MB}") DataSize maxBodySize,
                        @Value("${ips.gateway.import-max-body-size:100MB}") DataSize maxImportSize) {
        this.maxBytes = maxBodySize.toBytes();
        this.maxImportBytes = maxImportSize.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        long limit = exchange.getRequest().getPath().value().equals(IMPORTS) ? maxImportBytes : maxBytes;
        if (length > limit) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                    "The request body is " + length + " bytes; at most " + limit + " are accepted");
        }
        if (length < 0) {
            return chain.filter(exchange.mutate().request(counted(exchange.getRequest(), limit)).build());
        }
        return chain.filter(exchange);
    }

    private static ServerHttpRequest counted(ServerHttpRequest request, long limit) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().map(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        throw new DataBufferLimitException("The request body is over " + limit + " bytes");
                    }
                    return buffer;
                });
            }
        };
    }
}
