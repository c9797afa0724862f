package fi.ips.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** A token is verified once while it is valid, and again (and refused) once it has expired. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();
    private Instant expiry = NOW.plusSeconds(300);
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (token.startsWith("forged")) {
            throw new BadJwtException("signature does not match");
        }
        if (!expiry.isAfter(NOW)) {
            throw new BadJwtException("expired");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("county-14").issuedAt(NOW.minusSeconds(10)).expiresAt(expiry).build();
    };

    @Test
    void aValidTokenIsVerifiedOnceWhileItIsValid() {
        JwtDecoder tokens = VerifiedTokens.keptBy(verifier, Clock.fixed(NOW, ZoneOffset.UTC));

        Jwt first = tokens.decode("token-a");
        Jwt again = tokens.decode("token-a");

        assertThat(again).isSameAs(first);
        assertThat(verifications).hasValue(1);
        tokens.decode("token-b");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenThatFailsVerificationIsNeverKept() {
        JwtDecoder tokens = VerifiedTokens.keptBy(verifier, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> tokens.decode("forged-1")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged-1")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aKeptTokenIsNotUsedPastItsExpiry() {
        Clock clock = mock(Clock.class);
        when(clock.instant()).thenReturn(NOW);
        JwtDecoder tokens = VerifiedTokens.keptBy(verifier, clock);
        tokens.decode("token-a");

        when(clock.instant()).thenReturn(NOW.plusSeconds(301));
        expiry = NOW;
        assertThatThrownBy(() -> tokens.decode("token-a")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }
}
