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
 * Submits one client's rows in the order of the journey, whatever their order in the file: by date,
 * and on the same date referral, agreement, placements, their ends, the end of the service. A row
 * the services refuse refuses the client's later rows too, naming it: they would only fail after it.
 */
public class JourneySubmission {

    /** The order a client's rows are submitted in. */
    public static final Comparator<JourneyRow> JOURNEY_ORDER = Comparator.comparing(JourneyRow::date)
            .thenComparing(row -> row.event().dayOrder()).thenComparing(JourneyRow::number);

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

    /**
     * @param rows one client's rows
     * @throws JourneyApi.NotAuthorisedException when no row can go through
     */
    public List<Outcome> submit(Region region, List<JourneyRow> rows, String correlationId) {
        List<JourneyRow> ordered = rows.stream().sorted(JOURNEY_ORDER).toList();
        List<Outcome> outcomes = new ArrayList<>();
        JourneyRow refused = null;
        boolean agreementStored = false;
        for (JourneyRow row : ordered) {
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
        return outcomes;
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
