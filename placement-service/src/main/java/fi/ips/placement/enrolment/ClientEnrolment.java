package fi.ips.placement.enrolment;

import fi.ips.events.Region;

import java.time.LocalDate;

/** What placement-service knows of a client's enrolment, learnt from {@code ips.referrals.v1}. */
public record ClientEnrolment(String clientId, Region region, LocalDate referredOn, LocalDate agreementSignedOn,
                              boolean voided) {
}
