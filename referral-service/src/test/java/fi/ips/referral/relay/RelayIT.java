package fi.ips.referral.relay;

import fi.ips.testsupport.EmbeddedInfrastructure;
import fi.ips.testsupport.Infrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;

/** Against a real PostgreSQL 17 server and a real Kafka broker (KRaft), both from Maven Central jars. */
class RelayIT extends RelayContract {

    private static EmbeddedInfrastructure infrastructure;

    @BeforeAll
    static void start() {
        infrastructure = EmbeddedInfrastructure.start();
    }

    @AfterAll
    static void stop() throws IOException {
        infrastructure.close();
    }

    @Override
    Infrastructure infrastructure() {
        return infrastructure;
    }
}
