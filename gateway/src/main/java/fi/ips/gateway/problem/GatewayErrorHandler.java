package fi.ips.gateway.problem;

import fi.ips.support.privacy.PersonalIdentityCodes;
import fi.ips.support.problem.ProblemResponses;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Turns every error the gateway raises into problem+json: an unknown route is 404, a service that
 * is down is 503 with a retry hint (at once, not after a hang), a service too slow is 504, a service
 * that drops the connection before answering (it died mid-request) is 502, a browser login whose
 * token cannot be renewed is 401.
 */
@Component
@Order(-2) // before Spring Boot's own handler (-1)
class GatewayErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (isUnreachable(error)) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, ProblemResponses.RETRY_AFTER_SECONDS);
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "The service behind this path is not reachable; try again shortly");
        }
        if (hasCause(error, TimeoutException.class) || hasCause(error, ReadTimeoutException.class)) {
            return Problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "service-timeout",
                    "The service behind this path did not answer in time");
        }
        if (hasCause(error, DataBufferLimitException.class)) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "The request body is too large");
        }
        if (hasCause(error, IOException.class)) {
            // Whether the service acted on the request is unknown: the caller retries with its Idempotency-Key.
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, ProblemResponses.RETRY_AFTER_SECONDS);
            return Problems.write(exchange, HttpStatus.BAD_GATEWAY, "service-connection-lost",
                    "The service behind this path closed the connection before answering; retry with the same Idempotency-Key");
        }
        if (hasCause(error, ClientAuthorizationException.class)) {
            // A browser login whose token cannot be renewed (its refresh token expired or revoked): the dashboard logs in again.
            return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "authentication-required", "The login has ended; log in again");
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            if (code == HttpStatus.NOT_FOUND) {
                return Problems.write(exchange, code, "not-found", "No such endpoint");
            }
            if (code != null) {
                return Problems.write(exchange, code, "http-" + code.value(), status.getReason() == null ? code.getReasonPhrase() : status.getReason());
            }
        }
        // The path masked as in the access log: an id in it may be a personal identity code.
        log.error("Unexpected gateway error on {} {}", exchange.getRequest().getMethod(),
                PersonalIdentityCodes.maskedPath(exchange.getRequest().getPath().value()), error);
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal", "An unexpected error occurred in the gateway");
    }

    private static boolean isUnreachable(Throwable error) {
        return hasCause(error, ConnectException.class) || hasCause(error, ConnectTimeoutException.class)
                || error instanceof org.springframework.cloud.gateway.support.NotFoundException;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
