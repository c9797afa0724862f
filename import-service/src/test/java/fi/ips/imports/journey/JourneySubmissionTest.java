package fi.ips.imports.journey;

import fi.ips.events.Region;
import fi.ips.imports.journey.JourneyApi.RowAnswer;
import fi.ips.imports.journey.JourneySubmission.Outcome;
import fi.ips.imports.row.JourneyRow;
import fi.ips.imports.row.RowEvent;
import fi.ips.imports.row.RowProblem;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JourneySubmissionTest {

    private static final Region REGION = Region.ofCode("14");

    /** Each batch the submission sent, its rows as "client row EVENT". */
    private final List<List<String>> batches = new ArrayList<>();
    private final List<String> correlationIds = new ArrayList<>();
    private final List<String> batchKeys = new ArrayList<>();
    /** What the submission said it waits for, and "going on" when a batch was taken again. */
    private final List<String> waited = new ArrayList<>();
    private final JourneySubmission.Waits waits = new JourneySubmission.Waits() {
        @Override
        public void waitingFor(String reason) {
            waited.add(reason);
        }

        @Override
        public void goingOn() {
            waited.add("going on");
        }
    };

    @Test
    void aClientsRowsAreSubmittedInJourneyOrderWhateverTheirOrderInTheFile() {
        Map<String, List<Outcome>> outcomes = submission(recording(row -> RowAnswer.stored(false))).submit(REGION, clients(
                row("c-1", 2, RowEvent.JOB_ENDED, "2022-06-01"),
                row("c-1", 3, RowEvent.JOB_STARTED, "2022-03-01"),
                row("c-1", 4, RowEvent.AGREEMENT_SIGNED, "2022-03-01"),
                row("c-1", 5, RowEvent.REFERRED, "2022-02-01")), "import-x", waits);
        assertThat(batches).containsExactly(List.of("c-1 5 REFERRED"), List.of("c-1 4 AGREEMENT_SIGNED"), List.of("c-1 3 JOB_STARTED"),
                List.of("c-1 2 JOB_ENDED"));
        assertThat(outcomes.get("c-1")).hasSize(4).allMatch(Outcome::accepted);
        assertThat(waited).isEmpty();
    }

    @Test
    void theReferralGoesFirstEvenWhenAnotherRowIsDatedBeforeItSoThatRowIsTheOneRefused() {
        submission(recording(row -> row.event() == RowEvent.AGREEMENT_SIGNED
                ? RowAnswer.refused(new RowProblem(row.number(), "date", "agreement-before-referral", "before the referral"))
                : RowAnswer.stored(false))).submit(REGION, clients(
                row("c-1", 2, RowEvent.REFERRED, "2022-01-01"),
                row("c-1", 3, RowEvent.AGREEMENT_SIGNED, "2021-12-01")), "import-x", waits);
        assertThat(batches).flatMap(batch -> batch).containsExactly("c-1 2 REFERRED", "c-1 3 AGREEMENT_SIGNED");
    }

    @Test
    void aJobHeldBeforeTheAgreementGoesInAfterItAndTheServiceEndLast() {
        submission(recording(row -> RowAnswer.stored(false))).submit(REGION, clients(
                row("c-1", 2, RowEvent.SERVICE_ENDED, "2022-06-01"),
                row("c-1", 3, RowEvent.JOB_STARTED, "2021-01-01"),
                row("c-1", 4, RowEvent.AGREEMENT_SIGNED, "2022-03-01"),
                row("c-1", 5, RowEvent.REFERRED, "2022-02-01"),
                row("c-1", 6, RowEvent.JOB_ENDED, "2022-06-01")), "import-x", waits);
        assertThat(batches).flatMap(batch -> batch)
                .containsExactly("c-1 5 REFERRED", "c-1 4 AGREEMENT_SIGNED", "c-1 3 JOB_STARTED", "c-1 6 JOB_ENDED", "c-1 2 SERVICE_ENDED");
    }

    @Test
    void aRoundGoesAStepAtATimeInWavesOfOneRowAClient() {
        Map<String, List<Outcome>> outcomes = submission(recording(row -> RowAnswer.stored(false))).submit(REGION, clients(
                row("c-1", 2, RowEvent.JOB_ENDED, "2022-06-01"),
                row("c-3", 3, RowEvent.SERVICE_ENDED, "2022-12-01"),
                row("c-1", 4, RowEvent.REFERRED, "2022-02-01"),
                row("c-2", 5, RowEvent.REFERRAL_DECLINED, "2022-02-10"),
                row("c-3", 6, RowEvent.STUDIES_STARTED, "2022-08-01"),
                row("c-1", 7, RowEvent.AGREEMENT_SIGNED, "2022-03-01"),
                row("c-2", 8, RowEvent.REFERRED, "2022-02-01"),
                row("c-3", 9, RowEvent.AGREEMENT_SIGNED, "2022-03-01"),
                row("c-1", 10, RowEvent.JOB_STARTED, "2022-04-01"),
                row("c-3", 11, RowEvent.REFERRED, "2022-02-01")), "import-x", waits);
        assertThat(batches).containsExactly(
                List.of("c-1 4 REFERRED", "c-2 8 REFERRED", "c-3 11 REFERRED"),
                List.of("c-1 7 AGREEMENT_SIGNED", "c-2 5 REFERRAL_DECLINED", "c-3 9 AGREEMENT_SIGNED"),
                List.of("c-1 10 JOB_STARTED", "c-3 6 STUDIES_STARTED"),
                List.of("c-1 2 JOB_ENDED"),
                List.of("c-3 3 SERVICE_ENDED"));
        assertThat(correlationIds).containsExactly("import-x-rows-4", "import-x-rows-7", "import-x-rows-10", "import-x-rows-2",
                "import-x-rows-3");
        assertThat(batchKeys).containsExactly("import-x-enrolment-0", "import-x-enrolment-0", "import-x-placements-0",
                "import-x-placements-0", "import-x-end-0");
        assertThat(outcomes.keySet()).containsExactly("c-1", "c-2", "c-3");
        assertThat(outcomes.get("c-3")).extracting(o -> o.row().number()).containsExactly(11L, 9L, 6L, 3L);
    }

    @Test
    void aRefusedRowRefusesTheClientsLaterRowsNamingItWhileTheOtherClientsGoOn() {
        Map<String, List<Outcome>> outcomes = submission(recording(row -> row.clientId().equals("c-1") && row.event() == RowEvent.AGREEMENT_SIGNED
                ? RowAnswer.refused(new RowProblem(row.number(), "clientId", "client-declined", "no")) : RowAnswer.stored(false))).submit(REGION, clients(
                row("c-1", 2, RowEvent.REFERRED, "2022-01-01"),
                row("c-1", 3, RowEvent.AGREEMENT_SIGNED, "2022-02-01"),
                row("c-1", 4, RowEvent.JOB_STARTED, "2022-03-01"),
                row("c-1", 5, RowEvent.SERVICE_ENDED, "2022-04-01"),
                row("c-2", 6, RowEvent.REFERRED, "2022-01-01"),
                row("c-2", 7, RowEvent.AGREEMENT_SIGNED, "2022-02-01"),
                row("c-2", 8, RowEvent.JOB_STARTED, "2022-03-01")), "import-x", waits);
        assertThat(batches).containsExactly(List.of("c-1 2 REFERRED", "c-2 6 REFERRED"), List.of("c-1 3 AGREEMENT_SIGNED", "c-2 7 AGREEMENT_SIGNED"),
                List.of("c-2 8 JOB_STARTED"));
        assertThat(outcomes.get("c-1")).extracting(o -> o.problem() == null ? "accepted" : o.problem().rule())
                .containsExactly("accepted", "client-declined", "earlier-row-refused", "earlier-row-refused");
        assertThat(outcomes.get("c-1").get(2).problem().message()).contains("row 3");
        assertThat(outcomes.get("c-2")).hasSize(3).allMatch(Outcome::accepted);
    }

    @Test
    void aServiceThatIsDownIsWaitedForAndNoRowIsLostOrCountedTwice() {
        int[] calls = {0};
        JourneyApi recording = recording(row -> RowAnswer.stored(false));
        JourneyApi downTwice = (region, rows, correlationId, batchKey) -> {
            List<RowAnswer> answer = recording.submit(region, rows, correlationId, batchKey);
            if (calls[0]++ < 2) {
                throw new JourneyApi.ServiceUnavailableException("the referral service answered " + (502 + calls[0]), null);
            }
            return answer;
        };
        Map<String, List<Outcome>> outcomes = new JourneySubmission(downTwice, Duration.ofMillis(1), Duration.ZERO, 3).submit(REGION, clients(
                row("c-1", 2, RowEvent.REFERRED, "2022-02-01"), row("c-2", 3, RowEvent.REFERRED, "2022-02-01"),
                row("c-2", 4, RowEvent.AGREEMENT_SIGNED, "2022-03-01")), "import-x", waits);
        List<String> first = List.of("c-1 2 REFERRED", "c-2 3 REFERRED");
        assertThat(batches).containsExactly(first, first, first, List.of("c-2 4 AGREEMENT_SIGNED"));
        assertThat(waited).containsExactly("the referral service answered 503", "the referral service answered 504", "going on");
        assertThat(outcomes.get("c-1")).singleElement().matches(Outcome::accepted);
        assertThat(outcomes.get("c-2")).hasSize(2).allMatch(Outcome::accepted);
    }

    @Test
    void aPlacementWhoseAgreementJustStoredIsOnItsWayGoesAgainAfterTheOthersAndItsJourneyGoesOn() {
        Set<Long> triedOnce = new HashSet<>();
        Map<String, List<Outcome>> outcomes = submission(recording(row -> row.clientId().equals("c-1") && row.event() == RowEvent.JOB_STARTED
                && triedOnce.add(row.number()) ? withoutAgreement(row) : RowAnswer.stored(false))).submit(REGION, clients(
                row("c-1", 2, RowEvent.AGREEMENT_SIGNED, "2022-03-01"),
                row("c-1", 3, RowEvent.JOB_STARTED, "2022-04-01"),
                row("c-1", 4, RowEvent.JOB_ENDED, "2022-05-01"),
                row("c-2", 5, RowEvent.AGREEMENT_SIGNED, "2022-03-01"),
                row("c-2", 6, RowEvent.JOB_STARTED, "2022-04-01"),
                row("c-2", 7, RowEvent.STUDIES_STARTED, "2022-09-01")), "import-x", waits);
        assertThat(batches).containsExactly(
                List.of("c-1 2 AGREEMENT_SIGNED", "c-2 5 AGREEMENT_SIGNED"),
                List.of("c-1 3 JOB_STARTED", "c-2 6 JOB_STARTED"),
                List.of("c-2 7 STUDIES_STARTED"),
                List.of("c-1 3 JOB_STARTED"),
                List.of("c-1 4 JOB_ENDED"));
        // Sent again in another pass, under another name: the services do not answer it as the refused first time.
        assertThat(batchKeys).containsExactly("import-x-enrolment-0", "import-x-placements-0", "import-x-placements-0",
                "import-x-placements-1", "import-x-placements-1");
        assertThat(outcomes.get("c-1")).hasSize(3).allMatch(Outcome::accepted);
    }

    /** A round submitted again (by an import resumed after a restart) makes the same requests under the same names. */
    @Test
    void theSameRoundAgainMakesTheSameRequests() {
        for (int run = 0; run < 2; run++) {
            Set<Long> triedOnce = new HashSet<>();
            submission(recording(row -> row.event() == RowEvent.JOB_STARTED && triedOnce.add(row.number()) ? withoutAgreement(row) : RowAnswer.stored(false)))
                    .submit(REGION, clients(row("c-1", 2, RowEvent.AGREEMENT_SIGNED, "2022-03-01"), row("c-1", 3, RowEvent.JOB_STARTED, "2022-04-01"),
                            row("c-2", 4, RowEvent.REFERRED, "2022-02-01")), "import-x", waits);
        }
        assertThat(batches).hasSize(6);
        assertThat(batches.subList(3, 6)).isEqualTo(batches.subList(0, 3));
        assertThat(correlationIds.subList(3, 6)).isEqualTo(correlationIds.subList(0, 3));
        assertThat(batchKeys.subList(3, 6)).isEqualTo(batchKeys.subList(0, 3)).containsExactly("import-x-enrolment-0",
                "import-x-placements-0", "import-x-placements-1");
    }

    /** Nothing was stored for a row refused for a change to its record at the same moment: it goes again, in the next pass. */
    @Test
    void aRowMetByAChangeAtTheSameMomentGoesAgain() {
        Set<Long> triedOnce = new HashSet<>();
        Map<String, List<Outcome>> outcomes = submission(recording(row -> row.number() == 3 && triedOnce.add(row.number())
                ? RowAnswer.refused(new RowProblem(3, null, "concurrent-change", "changed meanwhile")) : RowAnswer.stored(false)))
                .submit(REGION, clients(row("c-1", 2, RowEvent.REFERRED, "2022-02-01"), row("c-1", 3, RowEvent.AGREEMENT_SIGNED, "2022-03-01"),
                        row("c-2", 4, RowEvent.REFERRED, "2022-02-01")), "import-x", waits);
        assertThat(batches).containsExactly(List.of("c-1 2 REFERRED", "c-2 4 REFERRED"), List.of("c-1 3 AGREEMENT_SIGNED"),
                List.of("c-1 3 AGREEMENT_SIGNED"));
        assertThat(batchKeys).containsExactly("import-x-enrolment-0", "import-x-enrolment-0", "import-x-enrolment-1");
        assertThat(outcomes.get("c-1")).hasSize(2).allMatch(Outcome::accepted);
    }

    @Test
    void aPlacementWaitingForItsAgreementIsTriedOnlySoOften() {
        Map<String, List<Outcome>> outcomes = submission(recording(row -> row.event() == RowEvent.JOB_STARTED ? withoutAgreement(row) : RowAnswer.stored(false)))
                .submit(REGION, clients(row("c-1", 2, RowEvent.AGREEMENT_SIGNED, "2022-03-01"), row("c-1", 3, RowEvent.JOB_STARTED, "2022-04-01"),
                        row("c-1", 4, RowEvent.JOB_ENDED, "2022-05-01")), "import-x", waits);
        assertThat(batches).flatMap(batch -> batch)
                .containsExactly("c-1 2 AGREEMENT_SIGNED", "c-1 3 JOB_STARTED", "c-1 3 JOB_STARTED", "c-1 3 JOB_STARTED");
        assertThat(outcomes.get("c-1")).extracting(o -> o.problem() == null ? "accepted" : o.problem().rule())
                .containsExactly("accepted", "agreement-still-on-its-way", "earlier-row-refused");
    }

    /** A placement service far behind (several imports at once) is waited for, less often the longer it takes. */
    @Test
    void theWaitForAnAgreementDoublesUpToItsLongestPause() {
        List<Duration> pauses = new ArrayList<>();
        new JourneySubmission(recording(row -> row.event() == RowEvent.JOB_STARTED ? withoutAgreement(row) : RowAnswer.stored(false)),
                Duration.ZERO, Duration.ofMillis(200), 8, pauses::add)
                .submit(REGION, clients(row("c-1", 2, RowEvent.AGREEMENT_SIGNED, "2022-03-01"), row("c-1", 3, RowEvent.JOB_STARTED, "2022-04-01")),
                        "import-x", waits);
        assertThat(pauses).extracting(Duration::toMillis).containsExactly(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L);
        // Told once the wait is more than a moment, until the step is done.
        assertThat(waited).containsExactly("the placement service to hear of the agreements of 1 client, stored by this import",
                "the placement service to hear of the agreements of 1 client, stored by this import",
                "the placement service to hear of the agreements of 1 client, stored by this import",
                "the placement service to hear of the agreements of 1 client, stored by this import", "going on");
    }

    @Test
    void withoutAnAgreementInTheImportAJobIsRefusedAtOnce() {
        submission(recording(JourneySubmissionTest::withoutAgreement))
                .submit(REGION, clients(row("c-1", 3, RowEvent.JOB_STARTED, "2022-04-01")), "import-x", waits);
        assertThat(batches).containsExactly(List.of("c-1 3 JOB_STARTED"));
    }

    /** An agreement stored by an earlier import has had its time to arrive: the service's refusal stands. */
    @Test
    void withAnAgreementStoredBeforeAJobWithoutItIsRefusedAtOnce() {
        Map<String, List<Outcome>> outcomes = submission(recording(row -> row.event() == RowEvent.JOB_STARTED ? withoutAgreement(row) : RowAnswer.stored(true)))
                .submit(REGION, clients(row("c-1", 2, RowEvent.AGREEMENT_SIGNED, "2022-03-01"), row("c-1", 3, RowEvent.JOB_STARTED, "2022-04-01")),
                        "import-x", waits);
        assertThat(batches).flatMap(batch -> batch).containsExactly("c-1 2 AGREEMENT_SIGNED", "c-1 3 JOB_STARTED");
        assertThat(outcomes.get("c-1")).extracting(o -> o.problem() == null ? "accepted" : o.problem().rule())
                .containsExactly("accepted", "client-without-agreement");
    }

    @Test
    void theServicesRefusingTheImportServiceItselfStopsTheImport() {
        JourneySubmission submission = submission((region, rows, correlationId, batchKey) -> {
            throw new JourneyApi.NotAuthorisedException("401");
        });
        assertThatThrownBy(() -> submission.submit(REGION, clients(row("c-1", 2, RowEvent.REFERRED, "2022-02-01")), "import-x", waits))
                .isInstanceOf(JourneyApi.NotAuthorisedException.class);
    }

    private static JourneySubmission submission(JourneyApi api) {
        return new JourneySubmission(api, Duration.ZERO, Duration.ZERO, 3);
    }

    private JourneyApi recording(Function<JourneyRow, RowAnswer> answer) {
        return (region, rows, correlationId, batchKey) -> {
            assertThat(region).isEqualTo(REGION);
            batches.add(rows.stream().map(row -> row.clientId() + " " + row.number() + " " + row.event()).toList());
            correlationIds.add(correlationId);
            batchKeys.add(batchKey);
            return rows.stream().map(answer).toList();
        };
    }

    private static RowAnswer withoutAgreement(JourneyRow row) {
        return RowAnswer.refused(new RowProblem(row.number(), "clientId", "client-without-agreement", "no agreement"));
    }

    /** The rows by client, as a round of an import has them (clients in order of their id). */
    private static Map<String, List<JourneyRow>> clients(JourneyRow... rows) {
        Map<String, List<JourneyRow>> clients = new TreeMap<>();
        for (JourneyRow row : rows) {
            clients.computeIfAbsent(row.clientId(), client -> new ArrayList<>()).add(row);
        }
        return clients;
    }

    private static JourneyRow row(String client, long number, RowEvent event, String date) {
        return new JourneyRow(number, client, event, LocalDate.parse(date), Map.of());
    }
}
