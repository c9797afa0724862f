package fi.ips.referral.enrolment;

import fi.ips.events.AgeGroup;
import fi.ips.events.ReferralSource;
import fi.ips.events.Region;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

record ReferClientCommand(@TargetAggregateIdentifier String clientId, Region region, LocalDate referredOn,
                          ReferralSource source, AgeGroup ageGroup) {
}
