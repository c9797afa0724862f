package fi.ips.placement.enrolment;

import fi.ips.testsupport.EmbeddedInfrastructure;
import fi.ips.testsupport.Infrastructure;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against a real PostgreSQL 17 server and a real Kafka broker (KRaft), both from Maven Central jars. */
class AgreementFeedIT extends AgreementFeedContract {

    @RegisterExtension
    static final EmbeddedInfrastructure INFRASTRUCTURE = new EmbeddedInfrastructure();

    @Override
    Infrastructure infrastructure() {
        return INFRASTRUCTURE;
    }
}
