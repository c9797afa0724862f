package fi.ips.support.security;

import fi.ips.events.Region;
import fi.ips.support.problem.RuleViolationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who is calling, from the access token's {@code roles} and {@code regions} claims. A county reads
 * and writes only its own region; the coordinator reads every region and writes none.
 *
 * @param expiresAt when the token, and so what it grants, ends; null when unknown
 */
public record Caller(String subject, Set<String> roles, Set<String> regions, Instant expiresAt) {

    public static final String ROLES_CLAIM = "roles";
    public static final String REGIONS_CLAIM = "regions";
    public static final String COUNTY = "COUNTY";
    public static final String COORDINATOR = "COORDINATOR";
    public static final String INTEGRATOR = "INTEGRATOR";

    /** How long after its expiry a token is still accepted, as Spring Security's token checks allow by default. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /** The one region the current thread's work is narrowed to ({@link #narrowedTo}), or none. */
    private static final ThreadLocal<Region> ONLY_REGION = new ThreadLocal<>();

    /** The caller of the current request, its regions narrowed as {@link #narrowedTo} says. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            Set<String> regions = claim(jwt, REGIONS_CLAIM);
            Region only = ONLY_REGION.get();
            if (only != null) {
                regions = regions.contains(only.code()) ? Set.of(only.code()) : Set.of();
            }
            return new Caller(jwt.getName(), claim(jwt, ROLES_CLAIM), regions, jwt.getToken().getExpiresAt());
        }
        return new Caller(authentication == null ? null : authentication.getName(), Set.of(), Set.of(), null);
    }

    /**
     * Does the work as the current caller with its regions narrowed to one: what it may read and
     * write in its other regions is answered as another region's would be. An import, sent with the
     * import service's token for every region, so writes to (and learns of) the uploader's region only.
     */
    public static <T> T narrowedTo(Region region, Supplier<T> work) {
        Region before = ONLY_REGION.get();
        ONLY_REGION.set(region);
        try {
            return work.get();
        } finally {
            if (before == null) {
                ONLY_REGION.remove();
            } else {
                ONLY_REGION.set(before);
            }
        }
    }

    /**
     * Whether the token has expired by {@code now}, allowing the clock skew the token checks allow
     * (Spring Security's 60 s): a stream opened with it ends then (its subscriber reconnects with a
     * new token, which a token still in its skew would not need), so that a grant withdrawn ends the
     * streams it opened too.
     */
    public boolean hasExpired(Instant now) {
        return expiresAt != null && now.isAfter(expiresAt.plus(CLOCK_SKEW));
    }

    public boolean mayRead(Region region) {
        return roles.contains(COORDINATOR) || mayWrite(region);
    }

    public boolean mayWrite(Region region) {
        return roles.contains(COUNTY) && regions.contains(region.code());
    }

    /** Whether the region's events reach this caller on the event streams: an integrator's granted regions, or any for the coordinator. */
    public boolean mayReceive(Region region) {
        return roles.contains(COORDINATOR) || roles.contains(INTEGRATOR) && regions.contains(region.code());
    }

    /**
     * @throws RuleViolationException 404 when the caller may not read the region's records: they
     *                                are not revealed to exist
     */
    public void requireRead(Region region, String what) {
        if (!mayRead(region)) {
            throw RuleViolationException.notFound("No " + what + " with this id");
        }
    }

    /** @throws RuleViolationException 404 as {@link #requireRead}, for an existing record of another region */
    public void requireWrite(Region region, String what) {
        if (!mayWrite(region)) {
            throw RuleViolationException.notFound("No " + what + " with this id");
        }
    }

    /**
     * @throws RuleViolationException 403 when the caller asks for a region's list or figures it may not read:
     *                                refused, not "not found", since which counties there are is no secret
     */
    public void requireReadableRegion(Region region) {
        if (!mayRead(region)) {
            throw RuleViolationException.forbidden("own-region-only", "region",
                    "These credentials may read only their own region(s)" + (regions.isEmpty() ? "" : ", " + String.join(", ", regions)));
        }
    }

    /** @throws RuleViolationException 403 when a county submits for a region that is not its own */
    public void requireOwnRegion(Region region) {
        if (!mayWrite(region)) {
            throw RuleViolationException.forbidden("own-region-only", "region",
                    "These credentials may submit events only for region(s) " + String.join(", ", regions));
        }
    }

    private static Set<String> claim(JwtAuthenticationToken jwt, String name) {
        List<String> values = jwt.getToken().getClaimAsStringList(name);
        return values == null ? Set.of() : Set.copyOf(values);
    }
}
