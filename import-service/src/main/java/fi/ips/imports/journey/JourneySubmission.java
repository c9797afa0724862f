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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Submits a round of clients' rows, each client's in the order of its journey, whatever their order
 * in the file: first its enrolment (referral, then decline, withdrawal or agreement), then its jobs
 * and studies, then the end of its service; within each step by date, and on the same date as the
 * journey goes. A row the services refuse refuses the client's later rows too, naming it: they
 * would only fail after it.
 * <p>
 * A step goes for every client of the round before the next, in waves: a wave carries the next row
 * of the step of every client still going, one row a client, as one batch a service. So a client's
 * rows go in their order, and the agreements reach the placement service through Kafka while the
 * other clients' rows go in.
 */
public class JourneySubmission {

    /** The steps of a journey, in the order they are submitted. */
    enum Step {
        ENROLMENT, PLACEMENTS, END;

        static Step of(RowEvent event) {
            return event.isPlacement() ? PLACEMENTS : event == RowEvent.SERVICE_ENDED ? END : ENROLMENT;
        }
    }

    /**
     * The order a client's rows are submitted in. The referral goes first whatever its date: an agreement
     * dated before it by a slip is then refused for that date, not the referral for an agreement "before" it.
     */
    private static final Comparator<JourneyRow> JOURNEY_ORDER = Comparator.<JourneyRow, Step>comparing(row -> Step.of(row.event()))
            .thenComparing(row -> row.event() != RowEvent.REFERRED).thenComparing(JourneyRow::date)
            .thenComparing(row -> row.event().dayOrder()).thenComparing(JourneyRow::number);

    private static final Logger log = LoggerFactory.getLogger(JourneySubmission.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    /**
     * The longest pause between two passes of rows waiting for their agreement: the wait doubles up
     * to it, so that a placement service a long way behind (several imports at once) is waited for
     * without sending the same rows many times a second.
     */
    private static final Duration MAX_AGREEMENT_PAUSE = Duration.ofSeconds(5);
    /** The pass from which a wait for agreements is told: after the first pauses (200, 400, 800 ms by default). */
    private static final int TOLD_FROM_PASS = 3;

    private final JourneyApi api;
    private final Duration pause;
    private final Duration agreementPause;
    private final int agreementAttempts;
    private final Consumer<Duration> sleep;

    /**
     * @param pause             the first pause before a batch is tried again, doubled up to 30 s while a
     *                          service is down
     * @param agreementPause    the first pause before placements are sent again whose agreement, just
     *                          stored, is on its way to the placement service (through Kafka), doubled
     *                          for each pass after up to {@link #MAX_AGREEMENT_PAUSE}
     * @param agreementAttempts how often such a placement, or a row refused for a change to its record at
     *                          the same moment, is tried
     */
    JourneySubmission(JourneyApi api, Duration pause, Duration agreementPause, int agreementAttempts) {
        this(api, pause, agreementPause, agreementAttempts, JourneySubmission::sleep);
    }

    /** @param sleep pauses the submission: {@link Thread#sleep}, or a test's record of the pauses */
    JourneySubmission(JourneyApi api, Duration pause, Duration agreementPause, int agreementAttempts, Consumer<Duration> sleep) {
        this.api = api;
        this.pause = pause;
        this.agreementPause = agreementPause;
        this.agreementAttempts = agreementAttempts;
        this.sleep = sleep;
    }

    /**
     * Told what a submission waits for, so that the import's report can say it: a service that cannot
     * take the rows holds the import up for as long as it is down.
     */
    public interface Waits {
        /** A batch was not taken, for this reason (a service down, overloaded or timed out): it goes again after a pause. */
        void waitingFor(String reason);

        /** A batch went through after one or more were not taken. */
        void goingOn();
    }

    /** A row's outcome: stored (no problem; now, or before: {@code alreadyStored}) or refused. */
    public record Outcome(JourneyRow row, RowProblem problem, boolean alreadyStored) {
        public boolean accepted() {
            return problem == null;
        }
    }

    /**
     * Submits a round of clients' rows.
     *
     * @param rowsByClient each client's rows, by client id
     * @param waits        told while a service cannot take the rows
     * @return each client's outcomes, by client id, in the order they were decided
     * @throws JourneyApi.NotAuthorisedException when no row can go through
     */
    public Map<String, List<Outcome>> submit(Region region, Map<String, List<JourneyRow>> rowsByClient, String correlationId, Waits waits) {
        Map<String, Journey> journeys = new LinkedHashMap<>();
        rowsByClient.forEach((client, rows) -> journeys.put(client, new Journey(rows)));
        for (Step step : Step.values()) {
            submit(region, step, List.copyOf(journeys.values()), correlationId, waits);
        }
        Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
        journeys.forEach((client, journey) -> outcomes.put(client, List.copyOf(journey.outcomes)));
        return outcomes;
    }

    /**
     * One step for every client: waves until no client has a row of it left, then those sent again
     * (their agreement on its way, or changed at the same moment), in another pass. A pass's rows go
     * under a name of their own ({@link JourneyApi#submit}): the same rows sent again in the same pass,
     * after an outage or by a round submitted again after a restart, are answered as the first time,
     * while a later pass's are decided afresh.
     */
    private void submit(Region region, Step step, List<Journey> journeys, String correlationId, Waits waits) {
        boolean told = false;
        for (int pass = 0; ; pass++) {
            String batchKey = correlationId + "-" + step.name().toLowerCase(Locale.ROOT) + "-" + pass;
            for (List<Journey> wave = wave(journeys, step); !wave.isEmpty(); wave = wave(journeys, step)) {
                List<JourneyRow> rows = wave.stream().map(Journey::next).toList();
                List<JourneyApi.RowAnswer> answers = submitWithRetries(region, rows, correlationId + "-rows-" + rows.get(0).number(), batchKey, waits);
                for (int i = 0; i < wave.size(); i++) {
                    wave.get(i).answered(answers.get(i));
                }
            }
            List<Journey> waiting = journeys.stream().filter(journey -> journey.waiting).toList();
            if (waiting.isEmpty()) {
                break;
            }
            // A wait of a second or more is told (a placement service far behind); a moment's is not.
            if (step == Step.PLACEMENTS && pass >= TOLD_FROM_PASS) {
                waits.waitingFor("the placement service to hear of the agreements of " + waiting.size()
                        + (waiting.size() == 1 ? " client" : " clients") + ", stored by this import");
                told = true;
            }
            sleep.accept(atMost(agreementPause.multipliedBy(1L << Math.min(pass, 20)), MAX_AGREEMENT_PAUSE));
            waiting.forEach(journey -> journey.waiting = false);
        }
        if (told) {
            waits.goingOn();
        }
        journeys.forEach(journey -> journey.refuseRest(step));
    }

    /** The clients with a row of this step to submit now. */
    private static List<Journey> wave(List<Journey> journeys, Step step) {
        return journeys.stream().filter(journey -> journey.hasNext(step)).toList();
    }

    /** One client's rows in journey order and how far they got. */
    private final class Journey {

        private final List<JourneyRow> rows;
        private final List<Outcome> outcomes = new ArrayList<>();
        private int next;
        private JourneyRow refused;
        private boolean agreementStored;
        /**
         * The next row was refused for an agreement still on its way, or for a change to the same record
         * at the same moment: it goes again after a pause, in the next pass.
         */
        private boolean waiting;
        private int tries;

        private Journey(List<JourneyRow> rows) {
            this.rows = rows.stream().sorted(JOURNEY_ORDER).toList();
        }

        boolean hasNext(Step step) {
            return refused == null && !waiting && next < rows.size() && Step.of(rows.get(next).event()) == step;
        }

        JourneyRow next() {
            return rows.get(next);
        }

        void answered(JourneyApi.RowAnswer answer) {
            JourneyRow row = rows.get(next);
            if (answer.accepted()) {
                outcomes.add(new Outcome(row, null, answer.alreadyStored()));
                // Stored by an earlier request, it has had its time to reach the placements: a refusal then stands.
                agreementStored |= row.event() == RowEvent.AGREEMENT_SIGNED && !answer.alreadyStored();
                tries = 0;
                next++;
            } else if ((agreementOnItsWay(row, answer.problem()) || changedMeanwhile(answer.problem())) && ++tries < agreementAttempts) {
                waiting = true;
            } else {
                outcomes.add(new Outcome(row, agreementOnItsWay(row, answer.problem()) ? stillOnItsWay(row) : answer.problem(), false));
                refused = row;
                next++;
            }
        }

        /** The service's "no agreement" would mislead: this import stored it, and the row stores once it arrives. */
        private static RowProblem stillOnItsWay(JourneyRow row) {
            return new RowProblem(row.number(), Columns.CLIENT_ID, "agreement-still-on-its-way",
                    "the client's agreement, stored by this import, had not reached the placements when the import stopped waiting:"
                            + " import the file again later (rows already stored are not stored twice)");
        }

        /** The client's record was changed by another request at the same moment: nothing was stored, the row goes again. */
        private boolean changedMeanwhile(RowProblem problem) {
            return "concurrent-change".equals(problem.rule());
        }

        /** Only an agreement stored by this import can be on its way: without one, the refusal stands. */
        private boolean agreementOnItsWay(JourneyRow row, RowProblem problem) {
            return agreementStored && row.event().isPlacement() && "client-without-agreement".equals(problem.rule());
        }

        /** A refused client's rows of this step are not submitted. */
        void refuseRest(Step step) {
            for (; refused != null && next < rows.size() && Step.of(rows.get(next).event()) == step; next++) {
                JourneyRow row = rows.get(next);
                outcomes.add(new Outcome(row, new RowProblem(row.number(), Columns.CLIENT_ID, "earlier-row-refused",
                        "not submitted: row " + refused.number() + " of this client, earlier in its journey, was refused"), false));
            }
        }
    }

    private List<JourneyApi.RowAnswer> submitWithRetries(Region region, List<JourneyRow> rows, String correlationId, String batchKey,
                                                         Waits waits) {
        Duration wait = pause;
        for (boolean waited = false; ; waited = true) {
            try {
                List<JourneyApi.RowAnswer> answers = api.submit(region, rows, correlationId, batchKey);
                if (waited) {
                    waits.goingOn();
                }
                return answers;
            } catch (JourneyApi.ServiceUnavailableException e) {
                log.warn("Import batch of {} rows from row {} not submitted yet, trying again in {} ms: {}{}",
                        rows.size(), rows.get(0).number(), wait.toMillis(), e.getMessage(),
                        e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")");
                waits.waitingFor(e.getMessage());
                sleep.accept(wait);
                wait = atMost(wait.multipliedBy(2), MAX_PAUSE);
            }
        }
    }

    private static Duration atMost(Duration duration, Duration max) {
        return duration.compareTo(max) > 0 ? max : duration;
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
