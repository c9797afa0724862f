package fi.ips.imports.row;

import fi.ips.events.AgeGroup;
import fi.ips.events.EmployerSector;
import fi.ips.events.JobType;
import fi.ips.events.ReferralSource;
import fi.ips.events.StudyLevel;
import fi.ips.support.privacy.PersonalIdentityCodes;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.support.validation.EventDateRules;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static fi.ips.imports.row.Columns.AGE_GROUP;
import static fi.ips.imports.row.Columns.CLIENT_ID;
import static fi.ips.imports.row.Columns.DATE;
import static fi.ips.imports.row.Columns.EMPLOYER_SECTOR;
import static fi.ips.imports.row.Columns.FIXED_TERM;
import static fi.ips.imports.row.Columns.EVENT;
import static fi.ips.imports.row.Columns.JOB_TYPE;
import static fi.ips.imports.row.Columns.OCCUPATION;
import static fi.ips.imports.row.Columns.PLACEMENT_ID;
import static fi.ips.imports.row.Columns.REASON;
import static fi.ips.imports.row.Columns.SOURCE;
import static fi.ips.imports.row.Columns.STUDY_LEVEL;
import static fi.ips.imports.row.Columns.WEEKLY_HOURS;

/**
 * The rules a row must keep on its own, before anything is submitted: the columns its event needs,
 * allowed values, dates, ids, and never a personal identity code. Every broken rule is reported,
 * not just the first, so a county can fix a row in one go.
 */
public final class RowRules {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Finnish spreadsheets write dates as 31.12.2022. */
    private static final DateTimeFormatter FINNISH_DATE = DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT);

    private final EventDateRules dates;

    public RowRules(EventDateRules dates) {
        this.dates = dates;
    }

    /** A row checked: either {@code row} is set, or {@code problems} say why it is refused. */
    public record Checked(JourneyRow row, List<RowProblem> problems) {
    }

    public Checked check(RawRow raw) {
        List<RowProblem> problems = new ArrayList<>();
        Map<String, String> cells = new LinkedHashMap<>();
        raw.cells().forEach((column, value) -> {
            if (PersonalIdentityCodes.containsOne(value)) {
                problems.add(problem(raw, column, "no-personal-identity-code",
                        "holds a personal identity code: clients are known only by pseudonymous ids"));
            } else if (!Columns.ALL.contains(column)) {
                problems.add(problem(raw, column, "unknown-column", "has a value but no column name in the header"));
            } else {
                cells.put(column, value);
            }
        });
        String clientId = id(raw, cells, CLIENT_ID, problems);
        RowEvent event = event(raw, cells, problems);
        LocalDate date = date(raw, cells, problems);
        Map<String, String> fields = new LinkedHashMap<>();
        if (event != null) {
            for (String required : event.required()) {
                // A cell refused above (an identity code) is reported as such, not as missing.
                if (!raw.cells().containsKey(required)) {
                    problems.add(problem(raw, required, "required", "is required for " + event));
                }
            }
            cells.forEach((column, value) -> {
                if (Columns.REQUIRED.contains(column)) {
                    return;
                }
                if (!event.allows(column)) {
                    problems.add(problem(raw, column, "not-applicable", "does not apply to " + event + ": leave it empty"));
                    return;
                }
                String normalised = value(raw, event, column, value, problems);
                if (normalised != null) {
                    fields.put(column, normalised);
                }
            });
        }
        if (!problems.isEmpty()) {
            return new Checked(null, List.copyOf(problems));
        }
        return new Checked(new JourneyRow(raw.number(), clientId, event, date, Map.copyOf(fields)), List.of());
    }

    private static String value(RawRow raw, RowEvent event, String column, String value, List<RowProblem> problems) {
        return switch (column) {
            case SOURCE -> oneOf(raw, column, value, ReferralSource.class, problems);
            case REASON -> oneOf(raw, column, value, event.reasons(), problems);
            case JOB_TYPE -> oneOf(raw, column, value, JobType.class, problems);
            case EMPLOYER_SECTOR -> oneOf(raw, column, value, EmployerSector.class, problems);
            case STUDY_LEVEL -> oneOf(raw, column, value, StudyLevel.class, problems);
            case AGE_GROUP -> ageGroup(raw, value, problems);
            case PLACEMENT_ID -> id(raw, Map.of(column, value), column, problems);
            case WEEKLY_HOURS -> whole(raw, column, value, 1, 60, problems);
            case OCCUPATION -> whole(raw, column, value, 0, 9, problems);
            case FIXED_TERM -> trueOrFalse(raw, column, value, problems);
            default -> throw new IllegalArgumentException(column);
        };
    }

    private static String id(RawRow raw, Map<String, String> cells, String column, List<RowProblem> problems) {
        String value = cells.get(column);
        if (value == null) {
            requiredUnlessRefused(raw, column, problems);
            return null;
        }
        if (!ID.matcher(value).matches()) {
            problems.add(problem(raw, column, "id-format", "must be 1-64 characters A-Z a-z 0-9 . _ -"));
            return null;
        }
        return value;
    }

    /** A cell refused already (an identity code) is reported as such, not as missing too. */
    private static void requiredUnlessRefused(RawRow raw, String column, List<RowProblem> problems) {
        if (!raw.cells().containsKey(column)) {
            problems.add(problem(raw, column, "required", "is required"));
        }
    }

    private static RowEvent event(RawRow raw, Map<String, String> cells, List<RowProblem> problems) {
        String value = cells.get(EVENT);
        if (value == null) {
            requiredUnlessRefused(raw, EVENT, problems);
            return null;
        }
        String name = oneOf(raw, EVENT, value, RowEvent.class, problems);
        return name == null ? null : RowEvent.valueOf(name);
    }

    private LocalDate date(RawRow raw, Map<String, String> cells, List<RowProblem> problems) {
        String value = cells.get(DATE);
        if (value == null) {
            requiredUnlessRefused(raw, DATE, problems);
            return null;
        }
        LocalDate date;
        try {
            date = value.contains(".") ? LocalDate.parse(value, FINNISH_DATE) : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(problem(raw, DATE, "date-format", "must be a date as 2022-04-30 or 30.4.2022"));
            return null;
        }
        try {
            return dates.check(DATE, date);
        } catch (RuleViolationException e) {
            problems.add(problem(raw, DATE, e.rule(), e.getMessage()));
            return null;
        }
    }

    private static String ageGroup(RawRow raw, String value, List<RowProblem> problems) {
        try {
            return AgeGroup.ofLabel(value).label();
        } catch (IllegalArgumentException e) {
            problems.add(problem(raw, AGE_GROUP, "allowed-values", "must be one of "
                    + Arrays.stream(AgeGroup.values()).map(AgeGroup::label).collect(Collectors.joining(", "))));
            return null;
        }
    }

    private static String oneOf(RawRow raw, String column, String value, Class<? extends Enum<?>> values, List<RowProblem> problems) {
        for (Enum<?> allowed : values.getEnumConstants()) {
            if (allowed.name().equalsIgnoreCase(value)) {
                return allowed.name();
            }
        }
        problems.add(problem(raw, column, "allowed-values", "must be one of "
                + Arrays.stream(values.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))));
        return null;
    }

    private static String whole(RawRow raw, String column, String value, int min, int max, List<RowProblem> problems) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return Integer.toString(number);
            }
        } catch (NumberFormatException e) {
            // answered below, as for a number out of range
        }
        problems.add(problem(raw, column, "range", "must be a whole number from " + min + " to " + max));
        return null;
    }

    private static String trueOrFalse(RawRow raw, String column, String value, List<RowProblem> problems) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return value.toLowerCase(Locale.ROOT);
        }
        problems.add(problem(raw, column, "allowed-values", "must be true or false"));
        return null;
    }

    private static RowProblem problem(RawRow raw, String field, String rule, String message) {
        return new RowProblem(raw.number(), field, rule, field + " " + message);
    }
}
