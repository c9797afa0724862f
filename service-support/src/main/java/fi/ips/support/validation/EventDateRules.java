package fi.ips.support.validation;

import fi.ips.support.problem.RuleViolationException;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The dates every event must keep: not in the future (one day of clock skew allowed: a county's
 * clock may be ahead) and not before 2015-01-01, when no IPS project yet ran in Finland.
 */
public class EventDateRules {

    public static final LocalDate EARLIEST = LocalDate.of(2015, 1, 1);

    private final Clock clock;

    public EventDateRules(Clock clock) {
        this.clock = clock;
    }

    /** @throws RuleViolationException 422 naming the field */
    public LocalDate check(String field, LocalDate date) {
        if (date.isAfter(LocalDate.now(clock).plusDays(1))) {
            throw RuleViolationException.unprocessable("date-in-future", field, field + " must not be in the future");
        }
        if (date.isBefore(EARLIEST)) {
            throw RuleViolationException.unprocessable("date-before-2015", field, field + " must not be before " + EARLIEST);
        }
        return date;
    }
}
