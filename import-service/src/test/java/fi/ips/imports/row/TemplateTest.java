package fi.ips.imports.row;

import fi.ips.support.validation.EventDateRules;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented templates are files the importer takes as they are, and the CSV and the workbook say the same. */
class TemplateTest {

    private static final Path DOCS = Path.of("..", "docs");
    private final RowRules rules = new RowRules(new EventDateRules(Clock.systemDefaultZone()));

    @Test
    void everyRowOfTheCsvTemplatePassesAndEveryEventIsShown() throws IOException {
        List<RowRules.Checked> rows = checked("import-template.csv");
        assertThat(rows).allSatisfy(row -> assertThat(row.problems()).isEmpty());
        assertThat(rows.stream().map(row -> row.row().event()).toList()).containsAll(EnumSet.allOf(RowEvent.class));
    }

    @Test
    void theWorkbookTemplateHasTheSameRowsAsTheCsvTemplate() throws IOException {
        assertThat(checked("import-template.xlsx")).isEqualTo(checked("import-template.csv"));
    }

    private List<RowRules.Checked> checked(String template) throws IOException {
        List<RowRules.Checked> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(DOCS.resolve(template))) {
            ImportFile.read(in, raw -> rows.add(rules.check(raw)));
        }
        return rows;
    }
}
