package fi.ips.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    @Test
    void targetsAreMetOrMissedInTheirDirection() {
        assertThat(Target.atLeast(1000, "events/s").metBy(1000)).isTrue();
        assertThat(Target.atLeast(1000, "events/s").metBy(999.9)).isFalse();
        assertThat(Target.atMost(100, "ms").metBy(100)).isTrue();
        assertThat(Target.atMost(100, "ms").metBy(100.1)).isFalse();
    }

    @Test
    void theTargetsTableSaysMetOrMissedAndTheShareOfTheCeiling() {
        Report report = new Report("Perf", List.of("Run: today"), List.of(
                Check.of("Ingestion", 850, "events/s", Target.atLeast(1000, "events/s")).against(3400, "PostgreSQL commits"),
                Check.of("Query p99", 12.5, "ms", Target.atMost(20, "ms"))), List.of());

        String md = report.toMarkdown();

        assertThat(md).startsWith("# Perf\n\n- Run: today\n");
        assertThat(md).contains("| Ingestion | 850 events/s | ≥ 1 000 events/s | **missed** | 25 % of PostgreSQL commits (3 400 events/s) |");
        assertThat(md).contains("| Query p99 | 12.5 ms | ≤ 20 ms | met | – |");
    }

    @Test
    void sectionsRenderTheirTableAndNotesAndEscapePipes() {
        Report report = new Report("Perf", List.of(), List.of(), List.of(
                new Section("Freshness", List.of("condition", "p99 ms"), List.of(List.of("a|b", "0.42")), List.of("Measured one at a time."))));

        String md = report.toMarkdown();

        assertThat(md).contains("## Freshness\n\n| condition | p99 ms |\n| --- | --- |\n| a\\|b | 0.42 |\n\nMeasured one at a time.\n");
    }

    @Test
    void numbersKeepThePrecisionTheyHave() {
        assertThat(Report.number(1234567.8)).isEqualTo("1 234 568");
        assertThat(Report.number(42.42)).isEqualTo("42.4");
        assertThat(Report.number(3.14159)).isEqualTo("3.14");
        assertThat(Report.number(Double.NaN)).isEqualTo("–");
        assertThat(Report.percent(0.254)).isEqualTo("25 %");
        assertThat(Report.percent(0.0123)).isEqualTo("1.2 %");
    }
}
