package fi.ips.outcomes.journey;

import fi.ips.testsupport.EmbeddedInfrastructure;
import fi.ips.testsupport.Infrastructure;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against a real Kafka broker (KRaft) and the MongoDB wire-protocol server, both from Maven Central jars. */
class ProjectionIT extends ProjectionContract {

    @RegisterExtension
    static final EmbeddedInfrastructure INFRASTRUCTURE = new EmbeddedInfrastructure();

    @Override
    Infrastructure infrastructure() {
        return INFRASTRUCTURE;
    }
}
