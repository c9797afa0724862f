package fi.ips.support.idempotency;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;

/**
 * Idempotency keys in the services that keep a database of their own (the command side). Runs
 * after the security filters, so that keys are kept per caller.
 */
@AutoConfiguration(after = JdbcTemplateAutoConfiguration.class)
@ConditionalOnClass({JdbcTemplate.class, FilterRegistrationBean.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(JdbcTemplate.class)
class IdempotencyAutoConfiguration {

    @Bean
    FilterRegistrationBean<IdempotencyKeyFilter> idempotencyKeyFilter(JdbcTemplate jdbc, Clock clock,
            @Value("${ips.idempotency.abandoned-after:60s}") Duration abandonedAfter) {
        FilterRegistrationBean<IdempotencyKeyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyKeyFilter(jdbc, clock, abandonedAfter));
        registration.setOrder(0);
        return registration;
    }
}
