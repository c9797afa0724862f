package fi.ips.imports.row;

import java.time.LocalDate;
import java.util.Map;

/**
 * A row that passed the file's rules: one event of a client's journey.
 *
 * @param number the row's number in the file (the header is row 1)
 * @param fields the event's other columns that have a value, by column name, already normalised
 *               (enum names, whole numbers)
 */
public record JourneyRow(long number, String clientId, RowEvent event, LocalDate date, Map<String, String> fields) {

    public String field(String column) {
        return fields.get(column);
    }
}
