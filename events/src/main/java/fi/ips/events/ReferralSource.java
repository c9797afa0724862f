package fi.ips.events;

/** Who made the referral. */
public enum ReferralSource {
    PSYCHIATRIC_OUTPATIENT_CARE,
    MENTAL_HEALTH_SOCIAL_SERVICES,
    SELF_REFERRAL,
    OTHER
}
