package fi.ips.support.validation;

import fi.ips.events.Region;
import fi.ips.support.problem.RuleViolationException;

/** A region given by its county code in a request: one rule, and one answer, for a code that names no county. */
public final class RegionCodes {

    public static final String RULE = "region-code";

    private RegionCodes() {
    }

    /** @throws RuleViolationException 422 {@value #RULE} naming {@code field}, for a code that names no county */
    public static Region parse(String field, String code) {
        if (!Region.isCode(code)) {
            throw RuleViolationException.unprocessable(RULE, field, field + " must be a wellbeing services county code 01-21, 90 or 91");
        }
        return Region.ofCode(code);
    }
}
