package fi.ips.support.security;

import fi.ips.events.Region;
import fi.ips.support.problem.RuleViolationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;
import java.util.Set;

/**
 * Who is calling, from the access token's {@code roles} and {@code regions} claims. A county reads
 * and writes only its own region; the coordinator reads every region and writes none.
 */
public record Caller(String subject, Set<String> roles, Set<String> regions) {

    public static final String ROLES_CLAIM = "roles";
    public static final String REGIONS_CLAIM = "regions";
    public static final String COUNTY = "COUNTY";
    public static final String COORDINATOR = "COORDINATOR";
    public static final String INTEGRATOR = "INTEGRATOR";

    /** The caller of the current request. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return new Caller(jwt.getName(), claim(jwt, ROLES_CLAIM), claim(jwt, REGIONS_CLAIM));
        }
        return new Caller(authentication == null ? null : authentication.getName(), Set.of(), Set.of());
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
