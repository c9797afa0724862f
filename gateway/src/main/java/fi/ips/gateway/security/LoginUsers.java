package fi.ips.gateway.security;

import fi.ips.support.security.Caller;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A person logged in with the browser gets the roles and regions of the access token the login
 * brought, as an API caller with that token would: the same paths are open to both.
 */
class LoginUsers implements ReactiveOAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcReactiveOAuth2UserService oidc = new OidcReactiveOAuth2UserService();
    private final ReactiveJwtDecoder accessTokens;

    LoginUsers(ReactiveJwtDecoder accessTokens) {
        this.accessTokens = accessTokens;
    }

    @Override
    public Mono<OidcUser> loadUser(OidcUserRequest request) {
        return oidc.loadUser(request).zipWith(accessTokens.decode(request.getAccessToken().getTokenValue()), (user, token) -> {
            List<String> roles = claim(token, Caller.ROLES_CLAIM);
            List<String> regions = claim(token, Caller.REGIONS_CLAIM);
            List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            OidcUserInfo info = new OidcUserInfo(Map.of("sub", user.getSubject(), Caller.ROLES_CLAIM, roles, Caller.REGIONS_CLAIM, regions));
            return new DefaultOidcUser(authorities, user.getIdToken(), info, "sub");
        });
    }

    private static List<String> claim(Jwt token, String name) {
        return Objects.requireNonNullElse(token.getClaimAsStringList(name), List.of());
    }
}
