package fi.ips.imports.importing;

import fi.ips.imports.row.RowRules;
import fi.ips.support.validation.EventDateRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

    @Bean
    RowRules rowRules(EventDateRules dates) {
        return new RowRules(dates);
    }
}
