package fi.ips.auth;

import fi.ips.events.Region;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The demo clients and users of the local platform (README: "Credentials"). Never for production:
 * the secrets are public.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
class DemoIdentities {

    /** Client settings that carry the client's roles and regions into its tokens. */
    private static final String ROLES_SETTING = "fi.ips.roles";
    private static final String REGIONS_SETTING = "fi.ips.regions";
    /** The audience of the client's access tokens, when it is another application than the platform. */
    private static final String AUDIENCE_SETTING = "fi.ips.audience";
    private static final String ROLE_PREFIX = "ROLE_";
    private static final String REGION_PREFIX = "REGION_";

    @Bean
    RegisteredClientRepository registeredClients(@Value("${ips.gateway-url:http://localhost:8080}") String gatewayUrl) {
        List<RegisteredClient> clients = new ArrayList<>();
        for (Region region : Region.values()) {
            clients.add(machineClient("region-" + region.code(), List.of(IpsClaims.COUNTY), List.of(region.code())));
        }
        clients.add(machineClient("coordinator", List.of(IpsClaims.COORDINATOR), List.of()));
        List<String> everyRegion = Arrays.stream(Region.values()).map(Region::code).toList();
        // Integrators receive the events of the regions granted to them: the national one all, a county's warehouse its own.
        clients.add(machineClient("integrator", List.of(IpsClaims.INTEGRATOR), everyRegion));
        clients.add(machineClient("integrator-14", List.of(IpsClaims.INTEGRATOR), List.of("14")));
        // import-service submits imported rows for every county; it checks the uploader's region itself.
        clients.add(machineClient("import-service", List.of(IpsClaims.COUNTY), everyRegion));
        // Another application of the same identity provider, with the coordinator's claims: the platform refuses its tokens.
        RegisteredClient other = machineClient("other-application", List.of(IpsClaims.COORDINATOR), List.of());
        clients.add(RegisteredClient.from(other)
                .clientSettings(ClientSettings.withSettings(other.getClientSettings().getSettings()).setting(AUDIENCE_SETTING, "other-application").build())
                .build());
        clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId("dashboard")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(gatewayUrl + "/login/oauth2/code/ips")
                .postLogoutRedirectUri(gatewayUrl + "/")
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                // A public client gets no refresh token: the login's access token lasts a working day.
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofHours(8)).build())
                .build());
        return new InMemoryRegisteredClientRepository(clients);
    }

    /** People who log in with the browser: the national coordinator and a county's IPS team member. */
    @Bean
    UserDetailsService demoUsers() {
        return new InMemoryUserDetailsManager(
                User.withUsername("coordinator").password("{noop}coordinator-password")
                        .authorities(ROLE_PREFIX + IpsClaims.COORDINATOR).build(),
                User.withUsername("county-14").password("{noop}county-14-password")
                        .authorities(ROLE_PREFIX + IpsClaims.COUNTY, REGION_PREFIX + Region.POHJOIS_KARJALA.code()).build());
    }

    /** Puts {@code roles} and {@code regions} into access and id tokens, from the client or the user, and the platform's audience into access tokens. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> rolesAndRegions() {
        return context -> {
            boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            boolean idToken = "id_token".equals(context.getTokenType().getValue());
            if (!accessToken && !idToken) {
                return;
            }
            List<String> roles;
            List<String> regions;
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                ClientSettings settings = context.getRegisteredClient().getClientSettings();
                roles = settings.getSetting(ROLES_SETTING);
                regions = settings.getSetting(REGIONS_SETTING);
            } else {
                List<String> authorities = context.getPrincipal().getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority).toList();
                roles = stripped(authorities, ROLE_PREFIX);
                regions = stripped(authorities, REGION_PREFIX);
            }
            context.getClaims().claim(IpsClaims.ROLES, roles).claim(IpsClaims.REGIONS, regions);
            if (accessToken) {
                String audience = context.getRegisteredClient().getClientSettings().getSetting(AUDIENCE_SETTING);
                context.getClaims().audience(List.of(audience == null ? IpsClaims.AUDIENCE : audience));
            }
        };
    }

    private static RegisteredClient machineClient(String clientId, List<String> roles, List<String> regions) {
        return RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientSecret("{noop}" + clientId + "-secret")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(ClientSettings.builder()
                        .setting(ROLES_SETTING, List.copyOf(roles))
                        .setting(REGIONS_SETTING, List.copyOf(regions))
                        .build())
                .build();
    }

    private static List<String> stripped(List<String> authorities, String prefix) {
        return authorities.stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).toList();
    }

}
