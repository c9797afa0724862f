package fi.ips.support.validation;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.time.ZoneId;

/** The platform's clock (Finnish time: event dates are Finnish dates) and the date rules. */
@AutoConfiguration
class ValidationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.system(ZoneId.of("Europe/Helsinki"));
    }

    @Bean
    EventDateRules eventDateRules(Clock clock) {
        return new EventDateRules(clock);
    }
}
