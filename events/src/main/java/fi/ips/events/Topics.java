package fi.ips.events;

import java.util.List;

/**
 * Kafka topics of the platform, each keyed by its events' {@link IpsEvent#subject() subject}: the
 * journeys' by client id, so that a client's events keep their order; the reviews' by region.
 */
public final class Topics {

    /** referral-service's events: referral, agreement, end of service and their corrections. */
    public static final String REFERRALS = "ips.referrals.v1";

    /** placement-service's events: jobs and studies and their corrections. */
    public static final String PLACEMENTS = "ips.placements.v1";

    /** referral-service's events of the counties' fidelity reviews (IPS-25), keyed by region. */
    public static final String FIDELITY = "ips.fidelity.v1";

    /** Every topic, in the order the streams and the projection list them. */
    public static final List<String> ALL = List.of(REFERRALS, PLACEMENTS, FIDELITY);

    private Topics() {
    }
}
