package fi.ips.gateway.dashboard;

import fi.ips.events.Region;
import fi.ips.support.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Who is logged in to the dashboard, and the regions' names in the dashboard's languages. */
@RestController
class DashboardSession {

    record Session(String name, List<String> roles, List<String> regions, Map<String, Map<String, String>> regionNames) {
    }

    /** For a browser login (the roles and regions its access token brought) or a caller with a token of its own. */
    @GetMapping("/dashboard/session")
    Session session(Authentication caller) {
        ClaimAccessor claims = caller.getPrincipal() instanceof OidcUser user ? user.getUserInfo() : (Jwt) caller.getPrincipal();
        Map<String, Map<String, String>> names = new LinkedHashMap<>();
        for (Region region : Region.values()) {
            names.put(region.code(), Map.of("fi", region.nameFi(), "sv", region.nameSv(), "en", region.nameEn()));
        }
        return new Session(caller.getName(), list(claims, Caller.ROLES_CLAIM), list(claims, Caller.REGIONS_CLAIM), names);
    }

    private static List<String> list(ClaimAccessor claims, String claim) {
        return Objects.requireNonNullElse(claims.getClaimAsStringList(claim), List.of());
    }
}
