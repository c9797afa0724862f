package fi.ips.auth;

/**
 * The claims the platform reads from an access token: {@code roles} and {@code regions} (county
 * codes). The same names are to be mapped in any other identity provider (deploy/keycloak).
 */
final class IpsClaims {

    /**
     * The audience of every access token for the platform: the gateway and the services accept no
     * other, so that an ID token, or a token the same identity provider issued for another
     * application, is not taken for one.
     */
    static final String AUDIENCE = "ips-platform";

    static final String ROLES = "roles";
    static final String REGIONS = "regions";

    /** A county's IPS project: submits its clients' events and reads its own region. */
    static final String COUNTY = "COUNTY";
    /** THL's national coordinator: reads every region, submits nothing. */
    static final String COORDINATOR = "COORDINATOR";
    /** Researchers, Kela, pension insurers: subscribe to event streams, read public figures. */
    static final String INTEGRATOR = "INTEGRATOR";

    private IpsClaims() {
    }
}
