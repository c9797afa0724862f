package fi.ips.imports.row;

import java.util.Map;

/** A row as read from the file: its number and its non-blank cells by column name. */
public record RawRow(long number, Map<String, String> cells) {
}
