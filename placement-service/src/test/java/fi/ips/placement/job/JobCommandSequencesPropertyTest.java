package fi.ips.placement.job;

import fi.ips.events.EmployerSector;
import fi.ips.events.JobEndReason;
import fi.ips.events.JobType;
import fi.ips.events.Region;
import fi.ips.placement.job.JobCommands.CorrectJobEndCommand;
import fi.ips.placement.job.JobCommands.CorrectJobStartCommand;
import fi.ips.placement.job.JobCommands.EndJobCommand;
import fi.ips.placement.job.JobCommands.StartJobCommand;
import fi.ips.placement.job.JobCommands.VoidJobCommand;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.testsupport.CommandSequences;
import fi.ips.testsupport.CommandSequences.Sequence;
import fi.ips.testsupport.CommandSequences.Step;
import fi.ips.testsupport.Draw;

import static fi.ips.testsupport.CommandSequences.weighted;

/**
 * Bad or out-of-order input gets a 4xx answer, never a 5xx: any sequence of a job's commands, in
 * any order, with dates close to each other and ids from a tiny set, is applied or refused by a
 * rule ({@link RuleViolationException}) ({@link CommandSequences}).
 * <p>
 * The API's own checks before a command are kept: dates and reasons are never null (bean
 * validation answers 400), the optional fields of a start are null or in their ranges, and a
 * command for an id with no placement is answered 404 without sending anything. Jobs and studies
 * share the ids (one event store), but a job's command for an id that holds studies is answered
 * 404 and a start on it 409 by the API ({@code PlacementRequests}) before anything is sent, so an
 * id here only ever holds a job.
 */
class JobCommandSequencesPropertyTest implements CommandSequences.Property {

    private static final CommandSequences<Job> SEQUENCES = new CommandSequences<>(Job.class,
            CommandSequences.notFoundUnless(StartJobCommand.class), "j-1", "j-2");

    @Override
    public Draw<Sequence> sequences() {
        return SEQUENCES.sequences(start(), 20,
                weighted(4, SEQUENCES.step("end", Draw.of(JobEndReason.class), EndJobCommand::new)),
                weighted(1, SEQUENCES.step("void", VoidJobCommand::new)),
                weighted(3, SEQUENCES.step("correct start", CorrectJobStartCommand::new)),
                weighted(3, SEQUENCES.step("correct end", CorrectJobEndCommand::new)));
    }

    /** A start's fields but its id and date, as the API makes them: the client's, the optional ones null or in range. */
    record Start(String clientId, Region region, JobType jobType, Integer weeklyHours, EmployerSector sector,
                 Integer occupation, boolean existingJob, Boolean fixedTerm) {
    }

    private static Draw<Step> start() {
        Draw<String> clients = Draw.of("c-1", "c-2");
        Draw<Region> regions = Draw.of(Region.class);
        Draw<JobType> types = Draw.of(JobType.class);
        Draw<Integer> hours = Draw.between(1, 60).orNull(0.3);
        Draw<EmployerSector> sectors = Draw.of(EmployerSector.class).orNull(0.3);
        Draw<Integer> occupations = Draw.between(0, 9).orNull(0.3);
        Draw<Boolean> existing = Draw.of(true, false);
        Draw<Boolean> fixedTerm = Draw.of(true, false).orNull(0.3);
        Draw<Start> fields = random -> new Start(clients.from(random), regions.from(random), types.from(random), hours.from(random),
                sectors.from(random), occupations.from(random), existing.from(random), fixedTerm.from(random));
        return SEQUENCES.step("start", fields, (id, on, s) -> new StartJobCommand(id, s.clientId(), s.region(), on, s.jobType(),
                s.weeklyHours(), s.sector(), s.occupation(), s.existingJob(), s.fixedTerm()));
    }
}
