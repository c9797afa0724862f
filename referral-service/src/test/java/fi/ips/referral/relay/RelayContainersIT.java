package fi.ips.referral.relay;

import fi.ips.testsupport.ContainerInfrastructure;
import fi.ips.testsupport.Infrastructure;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same contract against the official images, where a Docker engine runs; skipped where none does. */
@Testcontainers(disabledWithoutDocker = true)
class RelayContainersIT extends RelayContract {

    @Container
    static final ContainerInfrastructure INFRASTRUCTURE = new ContainerInfrastructure();

    @Override
    Infrastructure infrastructure() {
        return INFRASTRUCTURE;
    }
}
