package fi.ips.bench.report;

import java.util.List;

/** A part of the report: a heading, a table, and sentences that say what was measured and how. */
public record Section(String heading, List<String> columns, List<List<String>> rows, List<String> notes) {
}
