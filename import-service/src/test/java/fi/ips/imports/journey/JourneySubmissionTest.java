package fi.ips.imports.journey;

import fi.ips.events.Region;
import fi.ips.imports.row.JourneyRow;
import fi.ips.imports.row.RowEvent;
import fi.ips.imports.row.RowProblem;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JourneySubmissionTest {

    private final List<String> submitted = new ArrayList<>();

    @Test
    void aClientsRowsAreSubmittedInJourneyOrderWhateverTheirOrderInTheFile() {
        JourneySubmission submission = new JourneySubmission(recording(row -> Optional.empty()), Duration.ZERO, 3);
        List<JourneySubmission.Outcome> outcomes = submission.submit(Region.ofCode("14"), List.of(
                row(2, RowEvent.JOB_ENDED, "2022-06-01"),
                row(3, RowEvent.JOB_STARTED, "2022-03-01"),
                row(4, RowEvent.AGREEMENT_SIGNED, "2022-03-01"),
                row(5, RowEvent.REFERRED, "2022-02-01")), "import-x");
        assertThat(submitted).containsExactly("5 REFERRED", "4 AGREEMENT_SIGNED", "3 JOB_STARTED", "2 JOB_ENDED");
        assertThat(outcomes).allMatch(JourneySubmission.Outcome::accepted);
    }

    @Test
    void aJobHeldBeforeTheAgreementGoesInAfterItAndTheServiceEndLast() {
        JourneySubmission submission = new JourneySubmission(recording(row -> Optional.empty()), Duration.ZERO, 3);
        submission.submit(Region.ofCode("14"), List.of(
                row(2, RowEvent.SERVICE_ENDED, "2022-06-01"),
                row(3, RowEvent.JOB_STARTED, "2021-01-01"),
                row(4, RowEvent.AGREEMENT_SIGNED, "2022-03-01"),
                row(5, RowEvent.REFERRED, "2022-02-01"),
                row(6, RowEvent.JOB_ENDED, "2022-06-01")), "import-x");
        assertThat(submitted).containsExactly("5 REFERRED", "4 AGREEMENT_SIGNED", "3 JOB_STARTED", "6 JOB_ENDED", "2 SERVICE_ENDED");
    }

    @Test
    void aJourneyIsSubmittedAStepAtATimeSoThatManyClientsCanGoThroughEachStepTogether() {
        JourneySubmission submission = new JourneySubmission(recording(row -> Optional.empty()), Duration.ZERO, 3);
        JourneySubmission.Journey journey = submission.journey(Region.ofCode("14"), List.of(
                row(2, RowEvent.JOB_STARTED, "2022-04-01"), row(3, RowEvent.REFERRED, "2022-02-01"),
                row(4, RowEvent.AGREEMENT_SIGNED, "2022-03-01")), "import-x");
        journey.submit(JourneySubmission.Step.ENROLMENT);
        assertThat(submitted).containsExactly("3 REFERRED", "4 AGREEMENT_SIGNED");
        journey.submit(JourneySubmission.Step.PLACEMENTS);
        assertThat(submitted).containsExactly("3 REFERRED", "4 AGREEMENT_SIGNED", "2 JOB_STARTED");
        assertThat(journey.outcomes()).hasSize(3).allMatch(JourneySubmission.Outcome::accepted);
    }

    @Test
    void aRefusedRowRefusesTheClientsLaterRowsNamingIt() {
        JourneySubmission submission = new JourneySubmission(recording(row -> row.event() == RowEvent.AGREEMENT_SIGNED
                ? Optional.of(new RowProblem(row.number(), "clientId", "client-declined", "no")) : Optional.empty()),
                Duration.ZERO, 3);
        List<JourneySubmission.Outcome> outcomes = submission.submit(Region.ofCode("14"), List.of(
                row(2, RowEvent.REFERRED, "2022-01-01"),
                row(3, RowEvent.AGREEMENT_SIGNED, "2022-02-01"),
                row(4, RowEvent.JOB_STARTED, "2022-03-01")), "import-x");
        assertThat(submitted).containsExactly("2 REFERRED", "3 AGREEMENT_SIGNED");
        assertThat(outcomes).extracting(o -> o.problem() == null ? "accepted" : o.problem().rule())
                .containsExactly("accepted", "client-declined", "earlier-row-refused");
        assertThat(outcomes.get(2).problem().message()).contains("row 3");
    }

    @Test
    void aServiceThatIsDownIsWaitedForAndNoRowIsLost() {
        int[] calls = {0};
        JourneySubmission submission = new JourneySubmission(recording(row -> {
            if (calls[0]++ < 2) {
                throw new JourneyApi.ServiceUnavailableException("down", null);
            }
            return Optional.empty();
        }), Duration.ofMillis(1), 3);
        assertThat(submission.submit(Region.ofCode("14"), List.of(row(2, RowEvent.REFERRED, "2022-02-01")), "import-x"))
                .singleElement().matches(JourneySubmission.Outcome::accepted);
        assertThat(submitted).hasSize(3);
    }

    @Test
    void aJobIsTriedAgainWhileTheAgreementJustStoredIsOnItsWayButNotForever() {
        JourneySubmission submission = new JourneySubmission(recording(row -> row.event() == RowEvent.JOB_STARTED
                ? Optional.of(new RowProblem(row.number(), "clientId", "client-without-agreement", "no agreement")) : Optional.empty()),
                Duration.ZERO, 3);
        List<JourneySubmission.Outcome> outcomes = submission.submit(Region.ofCode("14"), List.of(
                row(2, RowEvent.AGREEMENT_SIGNED, "2022-03-01"), row(3, RowEvent.JOB_STARTED, "2022-04-01")), "import-x");
        assertThat(submitted).containsExactly("2 AGREEMENT_SIGNED", "3 JOB_STARTED", "3 JOB_STARTED", "3 JOB_STARTED");
        assertThat(outcomes.get(1).problem().rule()).isEqualTo("client-without-agreement");
    }

    @Test
    void withoutAnAgreementInTheImportAJobIsRefusedAtOnce() {
        JourneySubmission submission = new JourneySubmission(recording(row ->
                Optional.of(new RowProblem(row.number(), "clientId", "client-without-agreement", "no agreement"))), Duration.ZERO, 3);
        submission.submit(Region.ofCode("14"), List.of(row(3, RowEvent.JOB_STARTED, "2022-04-01")), "import-x");
        assertThat(submitted).containsExactly("3 JOB_STARTED");
    }

    @Test
    void theServicesRefusingTheImportServiceItselfStopsTheImport() {
        JourneySubmission submission = new JourneySubmission(recording(row -> {
            throw new JourneyApi.NotAuthorisedException("401");
        }), Duration.ZERO, 3);
        assertThatThrownBy(() -> submission.submit(Region.ofCode("14"), List.of(row(2, RowEvent.REFERRED, "2022-02-01")), "import-x"))
                .isInstanceOf(JourneyApi.NotAuthorisedException.class);
    }

    private JourneyApi recording(java.util.function.Function<JourneyRow, Optional<RowProblem>> answer) {
        return (region, row, correlationId) -> {
            submitted.add(row.number() + " " + row.event());
            assertThat(correlationId).isEqualTo("import-x-row-" + row.number());
            return answer.apply(row);
        };
    }

    private static JourneyRow row(long number, RowEvent event, String date) {
        return new JourneyRow(number, "c-1", event, LocalDate.parse(date), Map.of());
    }
}
