package fi.ips.referral.enrolment;

/** Where a client's enrolment stands. */
enum EnrolmentStatus {
    /** Referred; no agreement yet. */
    REFERRED,
    DECLINED,
    WITHDRAWN,
    /** The cooperation agreement is signed: the client is on the caseload. */
    AGREEMENT_SIGNED,
    /** The service ended after the agreement. */
    ENDED,
    /** Entered by mistake: counts nowhere. */
    VOIDED
}
