package fi.ips.imports.journey;

import fi.ips.events.Region;
import fi.ips.imports.row.Columns;
import fi.ips.imports.row.JourneyRow;
import fi.ips.imports.row.RowEvent;
import fi.ips.imports.row.RowProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Submits a client's rows in the order of its journey, whatever their order in the file: first
 * its enrolment (referral, decline or withdrawal, agreement), then its jobs and studies, then the
 * end of its service; within each step by date, and on the same date as the journey goes. A row
 * the services refuse refuses the client's later rows too, naming it: they would only fail after it.
 * <p>
 * The steps let an import submit a step for many clients before the next: the agreements reach
 * the placement service through Kafka meanwhile, instead of each job waiting for its own.
 */
public class JourneySubmission {

    /** The steps of a journey, in the order they are submitted. */
    public enum Step {
        ENROLMENT, PLACEMENTS, END;

        static Step of(RowEvent event) {
            return event.isPlacement() ? PLACEMENTS : event == RowEvent.SERVICE_ENDED ? END : ENROLMENT;
        }
    }

    /** The order a client's rows are submitted in. */
    public static final Comparator<JourneyRow> JOURNEY_ORDER = Comparator.<JourneyRow, Step>comparing(row -> Step.of(row.event()))
            .thenComparing(JourneyRow::date).thenComparing(row -> row.event().dayOrder()).thenComparing(JourneyRow::number);

    private static final Logger log = LoggerFactory.getLogger(JourneySubmission.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final JourneyApi api;
    private final Duration pause;
    private final int agreementAttempts;

    /**
     * @param pause             the first pause before a row is tried again; doubled up to 30 s while a service is down
     * @param agreementAttempts how often a placement is tried while the agreement just stored is on its
     *                          way to the placement service (through Kafka)
     */
    public JourneySubmission(JourneyApi api, Duration pause, int agreementAttempts) {
        this.api = api;
        this.pause = pause;
        this.agreementAttempts = agreementAttempts;
    }

    /** A row's outcome: stored (no problem) or refused. */
    public record Outcome(JourneyRow row, RowProblem problem) {
        public boolean accepted() {
            return problem == null;
        }
    }

    /** One client's rows, to be submitted a step at a time. */
    public Journey journey(Region region, List<JourneyRow> rows, String correlationId) {
        return new Journey(region, rows, correlationId);
    }

    /**
     * Every step of one client's rows at once.
     *
     * @throws JourneyApi.NotAuthorisedException when no row can go through
     */
    public List<Outcome> submit(Region region, List<JourneyRow> rows, String correlationId) {
        Journey journey = journey(region, rows, correlationId);
        for (Step step : Step.values()) {
            journey.submit(step);
        }
        return journey.outcomes();
    }

    /** A client's rows and how far they got. */
    public final class Journey {

        private final Region region;
        private final List<JourneyRow> rows;
        private final String correlationId;
        private final List<Outcome> outcomes = new ArrayList<>();
        private JourneyRow refused;
        private boolean agreementStored;

        private Journey(Region region, List<JourneyRow> rows, String correlationId) {
            this.region = region;
            this.rows = rows.stream().sorted(JOURNEY_ORDER).toList();
            this.correlationId = correlationId;
        }

        /**
         * Submits this step's rows.
         *
         * @throws JourneyApi.NotAuthorisedException when no row can go through
         */
        public void submit(Step step) {
            for (JourneyRow row : rows) {
                if (Step.of(row.event()) != step) {
                    continue;
                }
                if (refused != null) {
                    outcomes.add(new Outcome(row, new RowProblem(row.number(), Columns.CLIENT_ID, "earlier-row-refused",
                            "not submitted: row " + refused.number() + " of this client, earlier in its journey, was refused")));
                    continue;
                }
                Optional<RowProblem> problem = submitWithRetries(region, row, correlationId + "-row-" + row.number(), agreementStored);
                outcomes.add(new Outcome(row, problem.orElse(null)));
                if (problem.isPresent()) {
                    refused = row;
                } else if (row.event() == RowEvent.AGREEMENT_SIGNED) {
                    agreementStored = true;
                }
            }
        }

        /** The outcomes of the rows submitted so far, in the order they were submitted. */
        public List<Outcome> outcomes() {
            return List.copyOf(outcomes);
        }
    }

    private Optional<RowProblem> submitWithRetries(Region region, JourneyRow row, String correlationId, boolean agreementStored) {
        Duration wait = pause;
        int agreementTries = 1;
        while (true) {
            try {
                Optional<RowProblem> problem = api.submit(region, row, correlationId);
                boolean agreementOnItsWay = problem.isPresent() && agreementStored && row.event().isPlacement()
                        && "client-without-agreement".equals(problem.get().rule());
                if (!agreementOnItsWay || agreementTries++ >= agreementAttempts) {
                    return problem;
                }
                sleep(pause);
            } catch (JourneyApi.ServiceUnavailableException e) {
                log.warn("Import row {} not submitted yet, trying again in {} ms: {}", row.number(), wait.toMillis(), e.getMessage());
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : wait.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while submitting an import", e);
        }
    }
}
