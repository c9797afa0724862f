package fi.ips.imports.row;

import fi.ips.support.problem.RuleViolationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads an import file row by row, never the whole file at once: CSV (UTF-8, comma or semicolon
 * separated, as Excel saves it in Finland) or an Excel workbook's first sheet. The first row names
 * the columns; a column the template does not know refuses the whole file, so that a column of
 * names or identity codes can never slip in.
 */
public final class ImportFile {

    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private ImportFile() {
    }

    /**
     * Hands every non-blank row after the header to {@code rows}, in file order, as the file arrives.
     *
     * @throws RuleViolationException 422 when the file is unreadable or its header is wrong
     */
    public static void read(InputStream file, Consumer<RawRow> rows) {
        try {
            BufferedInputStream in = new BufferedInputStream(file, 65536);
            in.mark(ZIP.length);
            boolean zip = Arrays.equals(in.readNBytes(ZIP.length), ZIP);
            in.reset();
            if (zip) {
                readWorkbook(in, rows);
            } else {
                readCsv(in, rows);
            }
        } catch (CharacterCodingException e) {
            throw refused("encoding", "The file is not UTF-8 text: save it as \"CSV UTF-8\" or as an Excel workbook (.xlsx)");
        } catch (IOException e) {
            throw refused("unreadable-file", "The file is neither CSV nor an Excel workbook (.xlsx) that can be read");
        }
    }

    private static void readCsv(InputStream in, Consumer<RawRow> rows) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 65536);
        char delimiter = delimiter(reader);
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(true).get().parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw refused("empty-file", "The file has no header row");
            }
            List<String> header = header(records.next().stream().toList());
            long number = 1;
            while (records.hasNext()) {
                number++;
                emit(number, header, records.next().stream().toList(), rows);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Excel in a Finnish locale saves CSV with semicolons; the header row tells which it is. */
    private static char delimiter(BufferedReader reader) throws IOException {
        reader.mark(65536);
        String first = reader.readLine();
        reader.reset();
        if (first == null) {
            throw refused("empty-file", "The file has no header row");
        }
        return first.chars().filter(c -> c == ';').count() > first.chars().filter(c -> c == ',').count() ? ';' : ',';
    }

    /** A workbook is a zip whose index is at its end: it is spooled to a temporary file, then its sheet streamed. */
    private static void readWorkbook(InputStream in, Consumer<RawRow> rows) throws IOException {
        Path spooled = Files.createTempFile("ips-import-", ".xlsx");
        try {
            Files.copy(in, spooled, StandardCopyOption.REPLACE_EXISTING);
            readWorkbook(spooled, rows);
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    private static void readWorkbook(Path file, Consumer<RawRow> rows) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile());
             Stream<Row> sheet = workbook.getFirstSheet().openStream()) {
            Iterator<Row> iterator = sheet.iterator();
            if (!iterator.hasNext()) {
                throw refused("empty-file", "The workbook's first sheet has no header row");
            }
            Row first = iterator.next();
            List<String> header = header(cells(first, List.of()));
            while (iterator.hasNext()) {
                Row row = iterator.next();
                emit(row.getRowNum(), header, cells(row, header), rows);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (ExcelReaderException e) {
            throw new IOException("unreadable workbook", e);
        }
    }

    /** A sheet's cells as text: a date cell as an ISO date, a whole number without decimals, a truth value as true or false. */
    private static List<String> cells(Row row, List<String> header) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.getCellCount(); i++) {
            Cell cell = row.getCell(i);
            if (cell == null || cell.getType() == CellType.EMPTY) {
                cells.add("");
            } else if (cell.getType() == CellType.NUMBER && i < header.size() && header.get(i).equals(Columns.DATE)) {
                cells.add(cell.asDate().toLocalDate().toString());
            } else if (cell.getType() == CellType.NUMBER) {
                cells.add(cell.asNumber().stripTrailingZeros().toPlainString());
            } else if (cell.getType() == CellType.BOOLEAN) {
                cells.add(cell.asBoolean().toString());
            } else {
                cells.add(cell.getText());
            }
        }
        return cells;
    }

    private static List<String> header(List<String> names) {
        List<String> header = new ArrayList<>();
        for (String name : names) {
            String trimmed = name.strip().replace("\uFEFF", "");
            String column = Columns.ALL.stream().filter(known -> known.equalsIgnoreCase(trimmed)).findFirst().orElse(null);
            if (column == null && !trimmed.isEmpty()) {
                throw RuleViolationException.unprocessable("unknown-column", "header",
                        "Column " + (header.size() + 1) + " of the header is not one of the template's columns: " + Columns.ALL);
            }
            if (column != null && header.contains(column)) {
                throw RuleViolationException.unprocessable("duplicate-column", column, "The column " + column + " appears twice");
            }
            header.add(column == null ? "" : column);
        }
        for (String required : Columns.REQUIRED) {
            if (!header.contains(required)) {
                throw RuleViolationException.unprocessable("missing-column", required, "The header has no column " + required);
            }
        }
        return header;
    }

    private static void emit(long number, List<String> header, List<String> values, Consumer<RawRow> rows) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i) == null ? "" : values.get(i).strip();
            if (value.isEmpty()) {
                continue;
            }
            String column = i < header.size() ? header.get(i) : "";
            cells.put(column.isEmpty() ? "column " + (i + 1) : column, value);
        }
        if (!cells.isEmpty()) {
            rows.accept(new RawRow(number, cells));
        }
    }

    private static RuleViolationException refused(String rule, String detail) {
        return RuleViolationException.unprocessable(rule, "file", detail);
    }
}
