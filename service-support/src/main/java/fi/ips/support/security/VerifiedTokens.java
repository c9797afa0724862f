package fi.ips.support.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens already verified, kept until they expire: a county's system sends its requests
 * with one token for its whole lifetime, and checking the token's RSA signature again on every
 * request was the largest single share of a service's and the gateway's CPU per request
 * (docs/performance.md). A token that fails verification is never kept; one that has expired is
 * verified again (and refused). The services wrap their decoder ({@link #keptBy}); the gateway,
 * whose decoder is reactive, asks {@link #known} and {@link #keep} itself.
 */
public final class VerifiedTokens {

    private static final int MAX_KEPT = 10_000;

    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(Clock clock) {
        this.clock = clock;
    }

    /** The services' decoder, keeping the verdicts of {@code verifier}. */
    public static JwtDecoder keptBy(JwtDecoder verifier, Clock clock) {
        VerifiedTokens tokens = new VerifiedTokens(clock);
        return token -> {
            Jwt known = tokens.known(token);
            return known != null ? known : tokens.keep(token, verifier.decode(token));
        };
    }

    /** The token's verdict if it was verified before and has not expired, else null. */
    public Jwt known(String token) {
        Jwt known = verified.get(token);
        return known != null && unexpired(known) ? known : null;
    }

    /** Keeps the verdict on a token that {@code jwt} was verified from; answers {@code jwt}. */
    public Jwt keep(String token, Jwt jwt) {
        if (unexpired(jwt)) {
            if (verified.size() >= MAX_KEPT) {
                verified.clear();
            }
            verified.put(token, jwt);
        }
        return jwt;
    }

    private boolean unexpired(Jwt jwt) {
        return jwt.getExpiresAt() != null && clock.instant().isBefore(jwt.getExpiresAt());
    }
}
