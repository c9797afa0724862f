package fi.ips.placement.studies;

import fi.ips.events.Region;
import fi.ips.events.StudiesEndReason;
import fi.ips.events.StudyLevel;
import fi.ips.placement.studies.StudiesCommands.CorrectStudiesEndCommand;
import fi.ips.placement.studies.StudiesCommands.CorrectStudiesStartCommand;
import fi.ips.placement.studies.StudiesCommands.EndStudiesCommand;
import fi.ips.placement.studies.StudiesCommands.StartStudiesCommand;
import fi.ips.placement.studies.StudiesCommands.VoidStudiesCommand;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.testsupport.CommandSequences;
import fi.ips.testsupport.CommandSequences.Sequence;
import fi.ips.testsupport.CommandSequences.Step;
import fi.ips.testsupport.Draw;

import static fi.ips.testsupport.CommandSequences.weighted;

/**
 * Bad or out-of-order input gets a 4xx answer, never a 5xx: any sequence of a study placement's
 * commands, in any order, with dates close to each other and ids from a tiny set, is applied or
 * refused by a rule ({@link RuleViolationException}) ({@link CommandSequences}).
 * <p>
 * The API's own checks before a command are kept: dates and reasons are never null (bean
 * validation answers 400), a start's level is null or any, and a command for an id with no
 * placement is answered 404 without sending anything. Jobs and studies share the ids (one event
 * store), but a command of studies for an id that holds a job is answered 404 and a start on it
 * 409 by the API ({@code PlacementRequests}) before anything is sent, so an id here only ever
 * holds studies.
 */
class StudiesCommandSequencesPropertyTest implements CommandSequences.Property {

    private static final CommandSequences<Studies> SEQUENCES = new CommandSequences<>(Studies.class,
            CommandSequences.notFoundUnless(StartStudiesCommand.class), "s-1", "s-2");

    @Override
    public Draw<Sequence> sequences() {
        return SEQUENCES.sequences(start(), 20,
                weighted(4, SEQUENCES.step("end", Draw.of(StudiesEndReason.class), EndStudiesCommand::new)),
                weighted(1, SEQUENCES.step("void", VoidStudiesCommand::new)),
                weighted(3, SEQUENCES.step("correct start", CorrectStudiesStartCommand::new)),
                weighted(3, SEQUENCES.step("correct end", CorrectStudiesEndCommand::new)));
    }

    /** A start's fields but its id and date, as the API makes them: the client and region are the client's, the level null or any. */
    private record Start(String clientId, Region region, StudyLevel level) {
    }

    private static Draw<Step> start() {
        Draw<String> clients = Draw.of("c-1", "c-2");
        Draw<Region> regions = Draw.of(Region.class);
        Draw<StudyLevel> levels = Draw.of(StudyLevel.class).orNull(0.3);
        Draw<Start> fields = random -> new Start(clients.from(random), regions.from(random), levels.from(random));
        return SEQUENCES.step("start", fields, (id, on, s) -> new StartStudiesCommand(id, s.clientId(), s.region(), on, s.level()));
    }
}
