package fi.ips.referral.enrolment;

import fi.ips.events.AgeGroup;
import fi.ips.events.DeclineReason;
import fi.ips.events.ReferralSource;
import fi.ips.events.Region;
import fi.ips.events.ServiceEndReason;
import fi.ips.referral.enrolment.EnrolmentCommands.CorrectAgreementDateCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.CorrectEndDateCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.CorrectReferralDateCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.DeclineReferralCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.EndServiceCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.SignAgreementCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.VoidReferralCommand;
import fi.ips.referral.enrolment.EnrolmentCommands.WithdrawReferralCommand;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.testsupport.CommandSequences;
import fi.ips.testsupport.CommandSequences.Sequence;
import fi.ips.testsupport.CommandSequences.Step;
import fi.ips.testsupport.Draw;

import static fi.ips.testsupport.CommandSequences.weighted;

/**
 * Bad or out-of-order input gets a 4xx answer, never a 5xx: any sequence of an enrolment's
 * commands, in any order, with dates close to each other and client ids from a tiny set, is
 * applied or refused by a rule ({@link RuleViolationException}) ({@link CommandSequences}).
 * <p>
 * Dates are never null and a decline's or an end's reason never is: the API refuses those with
 * 400 before any command (bean validation); the age group is optional and drawn null too. The API
 * sends a command for an existing client only (404 otherwise), so a step for a client not yet
 * referred is answered the same way, without sending it.
 */
class EnrolmentCommandSequencesPropertyTest implements CommandSequences.Property {

    private static final CommandSequences<Enrolment> SEQUENCES = new CommandSequences<>(Enrolment.class,
            CommandSequences.notFoundUnless(ReferClientCommand.class), "c-1", "c-2");

    /** Weighted towards the journey's way forward, so that most sequences reach an agreement and an end. */
    @Override
    public Draw<Sequence> sequences() {
        return SEQUENCES.sequences(refer(), 24,
                weighted(1, SEQUENCES.step("decline", Draw.of(DeclineReason.class), DeclineReferralCommand::new)),
                weighted(1, SEQUENCES.step("withdraw", WithdrawReferralCommand::new)),
                weighted(4, SEQUENCES.step("sign", SignAgreementCommand::new)),
                weighted(4, SEQUENCES.step("end", Draw.of(ServiceEndReason.class), EndServiceCommand::new)),
                weighted(1, SEQUENCES.step("void", VoidReferralCommand::new)),
                weighted(3, SEQUENCES.step("correct referral date", CorrectReferralDateCommand::new)),
                weighted(3, SEQUENCES.step("correct agreement date", CorrectAgreementDateCommand::new)),
                weighted(3, SEQUENCES.step("correct end date", CorrectEndDateCommand::new)));
    }

    /** A referral's fields but its id and date. */
    private record Referral(Region region, ReferralSource source, AgeGroup ageGroup) {
    }

    private static Draw<Step> refer() {
        Draw<Region> regions = Draw.of(Region.class);
        Draw<ReferralSource> sources = Draw.of(ReferralSource.class);
        Draw<AgeGroup> ageGroups = Draw.of(AgeGroup.class).orNull(0.2);
        Draw<Referral> fields = random -> new Referral(regions.from(random), sources.from(random), ageGroups.from(random));
        return SEQUENCES.step("refer", fields, (id, on, f) -> new ReferClientCommand(id, f.region(), on, f.source(), f.ageGroup()));
    }
}
