package fi.ips.imports.row;

import fi.ips.support.validation.EventDateRules;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RowRulesTest {

    private final RowRules rules = new RowRules(new EventDateRules(
            Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneId.of("Europe/Helsinki"))));

    @Test
    void aValidJobRowBecomesAJourneyRowWithNormalisedValues() {
        RowRules.Checked checked = check(row("clientId", "c-1", "event", "job_started", "date", "30.4.2022",
                "placementId", "job-1", "jobType", "paid_open_market", "weeklyHours", "37", "employerSector", "PRIVATE", "fixedTerm", "TRUE"));
        assertThat(checked.problems()).isEmpty();
        assertThat(checked.row()).isEqualTo(new JourneyRow(7, "c-1", RowEvent.JOB_STARTED, LocalDate.of(2022, 4, 30),
                Map.of("placementId", "job-1", "jobType", "PAID_OPEN_MARKET", "weeklyHours", "37", "employerSector", "PRIVATE", "fixedTerm", "true")));
    }

    @Test
    void fixedTermIsTrueOrFalseAndOnlyForAJobStart() {
        assertThat(check(row("clientId", "c-1", "event", "JOB_STARTED", "date", "2022-05-01", "placementId", "job-1",
                "jobType", "PAID_SUPPORTED", "fixedTerm", "yes")).problems())
                .extracting(RowProblem::field, RowProblem::rule).containsExactly(tuple("fixedTerm", "allowed-values"));
        assertThat(check(row("clientId", "c-1", "event", "STUDIES_STARTED", "date", "2022-05-01", "placementId", "s-1",
                "fixedTerm", "false")).problems())
                .extracting(RowProblem::field, RowProblem::rule).containsExactly(tuple("fixedTerm", "not-applicable"));
    }

    @Test
    void everyBrokenRuleOfARowIsReportedWithItsColumn() {
        RowRules.Checked checked = check(row("clientId", "c 1", "event", "JOB_STARTED", "date", "2022-02-30",
                "jobType", "FULL_TIME", "weeklyHours", "70", "source", "SELF_REFERRAL"));
        assertThat(checked.row()).isNull();
        assertThat(checked.problems()).extracting(RowProblem::row, RowProblem::field, RowProblem::rule).containsExactlyInAnyOrder(
                tuple(7L, "clientId", "id-format"),
                tuple(7L, "date", "date-format"),
                tuple(7L, "placementId", "required"),
                tuple(7L, "jobType", "allowed-values"),
                tuple(7L, "weeklyHours", "range"),
                tuple(7L, "source", "not-applicable"));
    }

    @Test
    void theReasonColumnTakesTheReasonsOfTheRowsEvent() {
        assertThat(check(row("clientId", "c-1", "event", "SERVICE_ENDED", "date", "2022-05-01", "reason", "GOAL_ACHIEVED")).problems()).isEmpty();
        assertThat(check(row("clientId", "c-1", "event", "SERVICE_ENDED", "date", "2022-05-01", "reason", "RESIGNED")).problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.rule()).isEqualTo("allowed-values");
                    assertThat(p.message()).contains("GOAL_ACHIEVED", "MOVED_AWAY").doesNotContain("RESIGNED");
                });
    }

    @Test
    void aPersonalIdentityCodeInAnyCellRefusesTheRowWithoutRepeatingIt() {
        RowRules.Checked checked = check(row("clientId", "131052-308T", "event", "REFERRED", "date", "2022-03-01", "source", "SELF_REFERRAL"));
        assertThat(checked.row()).isNull();
        assertThat(checked.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("clientId");
            assertThat(p.rule()).isEqualTo("no-personal-identity-code");
            assertThat(p.message()).doesNotContain("131052");
        });
        // In the columns every row needs, too: the code is the one problem, not the column's absence besides.
        for (String column : new String[]{"event", "date"}) {
            Map<String, String> cells = row("clientId", "c-1", "event", "REFERRED", "date", "2022-03-01", "source", "SELF_REFERRAL");
            cells.put(column, "131052-308T");
            assertThat(check(cells).problems()).as(column).extracting(RowProblem::field, RowProblem::rule)
                    .containsExactly(tuple(column, "no-personal-identity-code"));
        }
    }

    @Test
    void datesKeepThePlatformsDateRules() {
        assertThat(check(row("clientId", "c-1", "event", "AGREEMENT_SIGNED", "date", "2026-11-26")).problems())
                .extracting(RowProblem::field, RowProblem::rule).containsExactly(tuple("date", "date-in-future"));
        assertThat(check(row("clientId", "c-1", "event", "AGREEMENT_SIGNED", "date", "2014-12-31")).problems())
                .extracting(RowProblem::field, RowProblem::rule).containsExactly(tuple("date", "date-before-2015"));
    }

    @Test
    void aDayThatDoesNotExistIsNotMovedToOneThatDoes() {
        for (String date : List.of("31.2.2022", "2022-02-31")) {
            assertThat(check(row("clientId", "c-1", "event", "AGREEMENT_SIGNED", "date", date)).problems())
                    .extracting(RowProblem::field, RowProblem::rule).containsExactly(tuple("date", "date-format"));
        }
    }

    @Test
    void aRowWithoutTheColumnsEveryRowNeedsIsRefused() {
        assertThat(check(row("event", "REFERRED")).problems()).extracting(RowProblem::field, RowProblem::rule)
                .contains(tuple("clientId", "required"), tuple("date", "required"), tuple("source", "required"));
        assertThat(check(row("clientId", "c-1", "event", "HIRED", "date", "2022-03-01")).problems())
                .extracting(RowProblem::field, RowProblem::rule).containsExactly(tuple("event", "allowed-values"));
    }

    @Test
    void aValueUnderAColumnWithoutANameIsRefused() {
        Map<String, String> cells = row("clientId", "c-1", "event", "AGREEMENT_SIGNED", "date", "2022-03-01");
        cells.put("column 5", "Matti");
        assertThat(check(cells).problems()).extracting(RowProblem::field, RowProblem::rule)
                .containsExactly(tuple("column 5", "unknown-column"));
    }

    @Test
    void ageGroupsAreWrittenAsTheirLabels() {
        assertThat(check(row("clientId", "c-1", "event", "REFERRED", "date", "2022-03-01", "source", "SELF_REFERRAL",
                "ageGroup", "25-34")).row().field("ageGroup")).isEqualTo("25-34");
        assertThat(check(row("clientId", "c-1", "event", "REFERRED", "date", "2022-03-01", "source", "SELF_REFERRAL",
                "ageGroup", "30")).problems()).extracting(RowProblem::rule).containsExactly("allowed-values");
    }

    private RowRules.Checked check(Map<String, String> cells) {
        return rules.check(new RawRow(7, cells));
    }

    private static Map<String, String> row(String... pairs) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            cells.put(pairs[i], pairs[i + 1]);
        }
        return cells;
    }
}
