package fi.ips.imports.row;

import fi.ips.events.EmployerSector;
import fi.ips.events.JobType;
import fi.ips.events.ReferralSource;
import fi.ips.events.StudyLevel;
import fi.ips.support.validation.EventDateRules;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

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

    /**
     * Every value the rules take in a column of named values is listed for it, in the guide's table
     * and on the workbook's allowed-values sheet, so that a county does not map a case onto a wrong value.
     */
    @Test
    void theGuideAndTheWorkbookListEveryValueTheRulesTake() throws IOException {
        Map<String, List<Class<? extends Enum<?>>>> named = new LinkedHashMap<>();
        named.put(Columns.EVENT, List.of(RowEvent.class));
        named.put(Columns.SOURCE, List.of(ReferralSource.class));
        named.put(Columns.REASON, Stream.of(RowEvent.values()).<Class<? extends Enum<?>>>map(RowEvent::reasons)
                .filter(Objects::nonNull).distinct().toList());
        named.put(Columns.JOB_TYPE, List.of(JobType.class));
        named.put(Columns.EMPLOYER_SECTOR, List.of(EmployerSector.class));
        named.put(Columns.STUDY_LEVEL, List.of(StudyLevel.class));
        List<String> guide = Files.readAllLines(DOCS.resolve("IMPORT.md"));
        Map<String, String> sheet = allowedValuesSheet();

        named.forEach((column, types) -> {
            String guideRow = guide.stream().filter(line -> line.startsWith("| `" + column + "` |")).findFirst().orElseThrow();
            for (Class<? extends Enum<?>> type : types) {
                // All of one type's values in one list: "OTHER" listed for declines alone does not stand for the job ends' too.
                List<String> values = Stream.of(type.getEnumConstants()).map(Enum::name).toList();
                assertThat(lists(guideRow)).as("docs/IMPORT.md, column %s: a list of every %s", column, type.getSimpleName())
                        .anySatisfy(list -> assertThat(list).containsAll(values));
                assertThat(lists(sheet.getOrDefault(column, ""))).as("the workbook's allowed values, column %s: a list of every %s",
                        column, type.getSimpleName()).anySatisfy(list -> assertThat(list).containsAll(values));
            }
        });
    }

    /** The lists of values in a text, separated by ";" (the reasons of each event), each as its words. */
    private static List<Set<String>> lists(String text) {
        return Stream.of(text.split(";")).<Set<String>>map(list -> new HashSet<>(List.of(list.split("[^A-Za-z0-9_]+")))).toList();
    }

    /** The workbook's second sheet: each column's name and its allowed values. */
    private static Map<String, String> allowedValuesSheet() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(DOCS.resolve("import-template.xlsx").toFile());
             Stream<Row> rows = workbook.getSheet(1).orElseThrow().openStream()) {
            rows.filter(row -> row.getCellCount() >= 2).forEach(row ->
                    values.merge(row.getCellText(0), row.getCellText(1), (a, b) -> a + "; " + b));
        }
        return values;
    }

    private List<RowRules.Checked> checked(String template) throws IOException {
        List<RowRules.Checked> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(DOCS.resolve(template))) {
            ImportFile.read(in, raw -> rows.add(rules.check(raw)));
        }
        return rows;
    }
}
