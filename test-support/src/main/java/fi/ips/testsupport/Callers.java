package fi.ips.testsupport;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;

import java.util.List;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/** Callers with access tokens as the identity provider issues them: roles and regions claims. */
public final class Callers {

    private Callers() {
    }

    /** A county's system, for one region code. */
    public static JwtRequestPostProcessor county(String region) {
        return caller("region-" + region, "COUNTY", List.of(region));
    }

    /** A county role for several regions, as the import service's own identity has for every region. */
    public static JwtRequestPostProcessor counties(String subject, String... regions) {
        return caller(subject, "COUNTY", List.of(regions));
    }

    public static JwtRequestPostProcessor coordinator() {
        return caller("coordinator", "COORDINATOR", List.of());
    }

    private static JwtRequestPostProcessor caller(String subject, String role, List<String> regions) {
        return jwt().jwt(token -> token.subject(subject).claim("roles", List.of(role)).claim("regions", regions))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }
}
