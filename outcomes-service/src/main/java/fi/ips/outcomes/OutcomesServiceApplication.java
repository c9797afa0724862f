package fi.ips.outcomes;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The read side: consumes both topics into MongoDB read models and answers the KPIs. */
@SpringBootApplication
@EnableScheduling
public class OutcomesServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OutcomesServiceApplication.class, args);
    }
}
