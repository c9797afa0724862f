package fi.ips.support.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A listener that fails (say, its database is down) retries the same record with growing pauses,
 * for as long as it takes: skipping a record would lose an event for good.
 */
@AutoConfiguration
@ConditionalOnClass(DefaultErrorHandler.class)
class ConsumerRetryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler retryForeverErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(backOff);
    }
}
