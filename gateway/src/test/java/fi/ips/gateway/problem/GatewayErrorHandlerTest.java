package fi.ips.gateway.problem;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;

/** Errors the gateway raises itself, answered as problems. */
class GatewayErrorHandlerTest {

    /**
     * The token relay cannot renew a browser login's token (its refresh token expired or was
     * revoked): 401, on which the dashboard logs in again, not a 500 it would retry for ever.
     */
    @Test
    void aLoginWhoseTokenCannotBeRenewedIs401() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/outcomes/regions"));
        var refreshRefused = new ClientAuthorizationException(new OAuth2Error("invalid_grant"), "ips",
                new OAuth2AuthorizationException(new OAuth2Error("invalid_grant")));

        new GatewayErrorHandler().handle(exchange, new IllegalStateException("relay failed", refreshRefused)).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"rule\":\"authentication-required\"");
    }
}
