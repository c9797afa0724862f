package fi.ips.imports.row;

/**
 * Why a row was refused: the column (or the API field when no column matches) and the rule it
 * broke. Never carries the refused value: it could be personal data.
 */
public record RowProblem(long row, String field, String rule, String message) {
}
