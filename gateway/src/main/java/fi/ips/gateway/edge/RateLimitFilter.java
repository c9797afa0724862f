package fi.ips.gateway.edge;

import fi.ips.gateway.problem.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client (the token's subject; the remote address for anonymous calls):
 * {@code ips.gateway.rate-limit.per-second} requests a second on average, bursts up to
 * {@code ips.gateway.rate-limit.burst}. Over that: 429 with {@code Retry-After}. Runs after the
 * security filters, so the client is known. The buckets are per gateway instance.
 */
@Component
class RateLimitFilter implements WebFilter {

    /** Buckets of clients long gone are dropped once there are this many. */
    private static final int MAX_BUCKETS = 10_000;

    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimitFilter(@Value("${ips.gateway.rate-limit.per-second:200}") double perSecond,
                    @Value("${ips.gateway.rate-limit.burst:400}") double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal().map(Principal::getName)
                .switchIfEmpty(Mono.fromSupplier(() -> remoteAddress(exchange)))
                .flatMap(client -> {
                    exchange.getAttributes().put(CorrelationIdFilter.CLIENT_ATTRIBUTE, client);
                    if (buckets.size() > MAX_BUCKETS) {
                        buckets.clear();
                    }
                    long waitMillis = buckets.computeIfAbsent(client, c -> new Bucket(burst)).take(perSecond, burst);
                    if (waitMillis == 0) {
                        return chain.filter(exchange);
                    }
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (waitMillis + 999) / 1000)));
                    return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limit",
                            "Too many requests from this client; slow down and retry after the given seconds");
                });
    }

    private static String remoteAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(double tokens) {
            this.tokens = tokens;
        }

        /** Takes a token: 0 when one was there, else the milliseconds until there is one. */
        synchronized long take(double perSecond, double burst) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond * 1000);
        }
    }
}
