package fi.ips.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The local platform's standards-based OAuth2 authorisation server. It holds only the demo
 * credentials of the {@code local} profile; production uses the organisation's identity provider.
 */
@SpringBootApplication
public class AuthServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthServerApplication.class, args);
    }
}
