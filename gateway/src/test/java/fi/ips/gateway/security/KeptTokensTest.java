package fi.ips.gateway.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The gateway's reactive decoder keeps verdicts as the services' does: once per valid token, never a refusal, not past expiry. */
class KeptTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();
    private Instant now = NOW;
    private final Clock clock = mock(Clock.class);

    {
        when(clock.instant()).thenAnswer(call -> now);
    }

    /** Verifies lazily, as Spring's reactive decoder does: on subscription. */
    private final ReactiveJwtDecoder verifier = token -> Mono.fromCallable(() -> {
        verifications.incrementAndGet();
        if (token.startsWith("forged") || !now.isBefore(NOW.plusSeconds(300))) {
            throw new BadJwtException("refused");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("region-14").issuedAt(NOW).expiresAt(NOW.plusSeconds(300)).build();
    });
    private final ReactiveJwtDecoder tokens = GatewaySecurity.keptBy(verifier, clock);

    @Test
    void aValidTokenIsVerifiedOnceWhileItIsValid() {
        Jwt first = tokens.decode("token-a").block();
        Jwt again = tokens.decode("token-a").block();

        assertThat(again).isSameAs(first);
        assertThat(verifications).hasValue(1);
        tokens.decode("token-b").block();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenThatFailsVerificationIsNeverKept() {
        assertThatThrownBy(() -> tokens.decode("forged-1").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged-1").block()).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aKeptTokenIsVerifiedAgainOnceItHasExpired() {
        tokens.decode("token-a").block();

        now = NOW.plusSeconds(301);

        assertThatThrownBy(() -> tokens.decode("token-a").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }
}
