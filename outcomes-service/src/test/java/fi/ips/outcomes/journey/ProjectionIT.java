package fi.ips.outcomes.journey;

import fi.ips.testsupport.EmbeddedInfrastructure;
import fi.ips.testsupport.Infrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;

/** Against a real Kafka broker (KRaft) and the MongoDB wire-protocol server, both from Maven Central jars. */
class ProjectionIT extends ProjectionContract {

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
