package fi.ips.imports;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Bulk import: a county's journey rows from a CSV or Excel file, submitted through the services' own APIs. */
@SpringBootApplication
public class ImportServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ImportServiceApplication.class, args);
    }
}
