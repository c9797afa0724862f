package fi.ips.support.privacy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The personal identity code guard in every servlet-based service. */
@AutoConfiguration
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class PersonalDataGuardAutoConfiguration {

    @Bean
    PersonalDataGuard personalDataGuard() {
        return new PersonalDataGuard();
    }

    @Bean
    MaskedProblemInstance maskedProblemInstance() {
        return new MaskedProblemInstance();
    }

    @Bean
    WebMvcConfigurer personalDataGuardOnPaths(PersonalDataGuard guard) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(guard);
            }
        };
    }
}
