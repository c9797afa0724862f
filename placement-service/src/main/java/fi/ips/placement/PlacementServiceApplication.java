package fi.ips.placement;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The command side of what a client does after signing the agreement: jobs and studies. Its
 * events are stored in its own PostgreSQL database and relayed to {@code ips.placements.v1}.
 */
@SpringBootApplication
public class PlacementServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PlacementServiceApplication.class, args);
    }
}
