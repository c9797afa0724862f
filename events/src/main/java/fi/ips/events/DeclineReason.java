package fi.ips.events;

/** Why a referral was declined. A code, never free text: events hold no health details. */
public enum DeclineReason {
    NO_PSYCHIATRIC_CARE_CONTACT,
    NO_MOTIVATION_TO_WORK,
    SERVICE_FULL,
    OTHER
}
