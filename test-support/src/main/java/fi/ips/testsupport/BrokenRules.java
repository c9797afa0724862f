package fi.ips.testsupport;

import fi.ips.support.problem.RuleViolationException;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;

/** For {@code AggregateTestFixture} tests: a command refused by a rule of the domain. */
public final class BrokenRules {

    private BrokenRules() {
    }

    /** The command broke {@code rule}, is answered with {@code status}, and stored nothing. */
    public static void refused(ResultValidator<?> result, String rule, int status) {
        result.expectNoEvents().expectException(new TypeSafeMatcher<RuleViolationException>() {
            @Override
            protected boolean matchesSafely(RuleViolationException e) {
                return e.rule().equals(rule) && e.status().value() == status;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a broken rule " + rule + " answered " + status);
            }
        });
    }
}
