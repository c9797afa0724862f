package fi.ips.imports.journey;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.web.client.RestClient;

import java.time.Duration;

/**
 * The import service calls the services as a client of its own (OAuth2 client credentials), so a
 * long import does not depend on the uploader's token staying valid; it checks the uploader's
 * region itself.
 */
@Configuration(proxyBeanMethods = false)
class JourneyConfiguration {

    private static final String REGISTRATION = "ips";

    @Bean
    JourneyApi journeyApi(RestClient.Builder builder,
                          @Value("${ips.imports.referral-service}") String referralService,
                          @Value("${ips.imports.placement-service}") String placementService,
                          @Value("${ips.imports.identity.token-uri}") String tokenUri,
                          @Value("${ips.imports.identity.client-id}") String clientId,
                          @Value("${ips.imports.identity.client-secret}") String clientSecret) {
        var registrations = new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(clientId).clientSecret(clientSecret)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(tokenUri).build());
        var clients = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
                new InMemoryOAuth2AuthorizedClientService(registrations));
        var token = new OAuth2ClientHttpRequestInterceptor(clients);
        token.setClientRegistrationIdResolver(request -> REGISTRATION);
        token.setPrincipalResolver(request -> UsernamePasswordAuthenticationToken.unauthenticated(clientId, null));
        var timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(2));
        // A batch of 1 000 items takes a few seconds, more on cold services; a time-out sends it again.
        timeouts.setReadTimeout(Duration.ofSeconds(30));
        RestClient.Builder services = builder.clone().requestFactory(timeouts).requestInterceptor(token);
        return new ServiceApi(services.clone().baseUrl(referralService).build(), services.clone().baseUrl(placementService).build());
    }

    @Bean
    JourneySubmission journeySubmission(JourneyApi api) {
        // An agreement reaches the placement service a fraction of a second after its batch, tens of
        // seconds when several imports keep it busy (10 s refused valid job starts then): looked for
        // after 200 ms, the pause doubling up to 5 s, for some two minutes in all.
        return new JourneySubmission(api, Duration.ofSeconds(1), Duration.ofMillis(200), 30);
    }
}
