package fi.ips.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's results as Markdown: the targets first, then each scenario's details. */
public record Report(String title, List<String> context, List<Check> checks, List<Section> sections) {

    public String toMarkdown() {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        context.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\n## Targets\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Check check : checks) {
            rows.add(List.of(check.figure(), number(check.value()) + " " + check.unit(), check.target().toString(),
                    check.met() ? "met" : "**missed**",
                    Double.isNaN(check.ratio()) ? "–" : percent(check.ratio()) + " of " + check.ceilingName()
                            + " (" + number(check.ceiling()) + " " + check.unit() + ")"));
        }
        table(md, List.of("figure", "measured", "target", "", "compared with the machine's ceiling"), rows);
        for (Section section : sections) {
            md.append("\n## ").append(section.heading()).append("\n\n");
            if (!section.rows().isEmpty()) {
                table(md, section.columns(), section.rows());
            }
            if (!section.notes().isEmpty()) {
                md.append('\n');
                section.notes().forEach(note -> md.append(note).append("\n\n"));
            }
        }
        return md.toString().stripTrailing() + "\n";
    }

    private static void table(StringBuilder md, List<String> columns, List<List<String>> rows) {
        md.append(row(columns));
        md.append(row(columns.stream().map(c -> "---").toList()));
        rows.forEach(r -> md.append(row(r)));
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |\n";
    }

    /** Figures as people read them: no more precision than the measurement has; "–" for one not measured. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        double abs = Math.abs(value);
        if (abs >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value).replace(',', ' ');
        }
        return String.format(Locale.ROOT, abs >= 10 ? "%.1f" : "%.2f", value);
    }

    public static String percent(double share) {
        return String.format(Locale.ROOT, share < 0.1 ? "%.1f %%" : "%.0f %%", share * 100);
    }
}
