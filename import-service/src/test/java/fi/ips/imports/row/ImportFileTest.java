package fi.ips.imports.row;

import fi.ips.support.problem.RuleViolationException;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportFileTest {

    @Test
    void readsCommaSeparatedCsvWithRowNumbersCountingTheHeader() {
        List<RawRow> rows = read("""
                clientId,event,date,source
                c-1,REFERRED,2022-03-01,SELF_REFERRAL
                c-1,AGREEMENT_SIGNED,2022-03-20,
                """);
        assertThat(rows).containsExactly(
                new RawRow(2, Map.of("clientId", "c-1", "event", "REFERRED", "date", "2022-03-01", "source", "SELF_REFERRAL")),
                new RawRow(3, Map.of("clientId", "c-1", "event", "AGREEMENT_SIGNED", "date", "2022-03-20")));
    }

    @Test
    void readsSemicolonSeparatedCsvAsExcelSavesItInFinlandWithByteOrderMarkAndQuotes() {
        List<RawRow> rows = read("\uFEFFClientId;Event;Date\n\"c;2\";REFERRED;1.3.2022\n");
        assertThat(rows).containsExactly(new RawRow(2, Map.of("clientId", "c;2", "event", "REFERRED", "date", "1.3.2022")));
    }

    @Test
    void blankRowsAreSkippedButKeepTheRowNumbersOfTheFile() {
        List<RawRow> rows = read("clientId,event,date\n,,\nc-1,REFERRED,2022-03-01\n");
        assertThat(rows).extracting(RawRow::number).containsExactly(3L);
    }

    @Test
    void aColumnTheTemplateDoesNotKnowRefusesTheWholeFile() {
        assertThatThrownBy(() -> read("clientId,event,date,name\nc-1,REFERRED,2022-03-01,Matti\n"))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.rule()).isEqualTo("unknown-column");
                    assertThat(e.getMessage()).doesNotContain("name").contains("Column 4");
                });
    }

    @Test
    void aFileWithoutARequiredColumnIsRefused() {
        assertThatThrownBy(() -> read("clientId,date\nc-1,2022-03-01\n"))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.rule()).isEqualTo("missing-column");
                    assertThat(e.field()).isEqualTo("event");
                });
    }

    @Test
    void textThatIsNotUtf8IsRefusedWithAdviceOnHowToSaveIt() {
        byte[] latin1 = "clientId,event,date\nc-ä,REFERRED,2022-03-01\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> ImportFile.read(new ByteArrayInputStream(latin1), row -> { }))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.rule()).isEqualTo("encoding"));
    }

    @Test
    void aBrokenWorkbookIsRefusedAsUnreadable() {
        byte[] notReallyZip = {'P', 'K', 3, 4, 1, 2, 3};
        assertThatThrownBy(() -> ImportFile.read(new ByteArrayInputStream(notReallyZip), row -> { }))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.rule()).isEqualTo("unreadable-file"));
    }

    @Test
    void readsAnExcelWorkbookWithDateCellsAndNumberCells() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(file, "test", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("journeys");
            List<String> header = List.of("clientId", "event", "date", "placementId", "jobType", "weeklyHours");
            for (int c = 0; c < header.size(); c++) {
                sheet.value(0, c, header.get(c));
            }
            sheet.value(1, 0, "c-1");
            sheet.value(1, 1, "JOB_STARTED");
            sheet.value(1, 2, LocalDate.of(2022, 4, 30));
            sheet.style(1, 2).format("d.m.yyyy").set();
            sheet.value(1, 3, "job-1");
            sheet.value(1, 4, "PAID_OPEN_MARKET");
            sheet.value(1, 5, 37);
        }
        List<RawRow> rows = new ArrayList<>();
        ImportFile.read(new ByteArrayInputStream(file.toByteArray()), rows::add);
        assertThat(rows).containsExactly(new RawRow(2, Map.of("clientId", "c-1", "event", "JOB_STARTED", "date", "2022-04-30",
                "placementId", "job-1", "jobType", "PAID_OPEN_MARKET", "weeklyHours", "37")));
    }

    private static List<RawRow> read(String csv) {
        List<RawRow> rows = new ArrayList<>();
        ImportFile.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), rows::add);
        return rows;
    }
}
