package fi.ips.events;

/** Kafka topics of the platform. Both are keyed by client id so that a client's events keep their order. */
public final class Topics {

    /** referral-service's events: referral, agreement, end of service and their corrections. */
    public static final String REFERRALS = "ips.referrals.v1";

    /** placement-service's events: jobs and studies and their corrections. */
    public static final String PLACEMENTS = "ips.placements.v1";

    private Topics() {
    }
}
