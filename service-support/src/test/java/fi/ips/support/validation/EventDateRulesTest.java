package fi.ips.support.validation;

import fi.ips.support.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventDateRulesTest {

    /** 2022-05-01 00:30 in Helsinki, still 2022-04-30 in UTC. */
    private final EventDateRules rules = new EventDateRules(
            Clock.fixed(Instant.parse("2022-04-30T21:30:00Z"), ZoneId.of("Europe/Helsinki")));

    @Test
    void aDateUpToOneDayAheadIsAcceptedForClockSkewButNotTwo() {
        assertThat(rules.check("signedOn", LocalDate.of(2022, 5, 2))).isEqualTo(LocalDate.of(2022, 5, 2));
        assertThatThrownBy(() -> rules.check("signedOn", LocalDate.of(2022, 5, 3)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.rule()).isEqualTo("date-in-future");
                    assertThat(e.field()).isEqualTo("signedOn");
                });
    }

    @Test
    void nothingBeforeTheFirstIpsProjects() {
        assertThat(rules.check("referredOn", LocalDate.of(2015, 1, 1))).isEqualTo(LocalDate.of(2015, 1, 1));
        assertThatThrownBy(() -> rules.check("referredOn", LocalDate.of(2014, 12, 31)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.rule()).isEqualTo("date-before-2015"));
    }
}
