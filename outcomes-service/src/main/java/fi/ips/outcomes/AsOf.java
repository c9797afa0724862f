package fi.ips.outcomes;

import fi.ips.support.problem.RuleViolationException;

import java.time.Clock;
import java.time.LocalDate;

/** The day figures are asked for ({@code asOf}): today unless given, and never in the future. */
public final class AsOf {

    private AsOf() {
    }

    /** @throws RuleViolationException 422 {@code date-in-future} naming {@code asOf} */
    public static LocalDate orToday(LocalDate asOf, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        if (asOf != null && asOf.isAfter(today)) {
            throw RuleViolationException.unprocessable("date-in-future", "asOf", "asOf must not be in the future");
        }
        return asOf == null ? today : asOf;
    }
}
