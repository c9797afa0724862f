package fi.ips.outcomes.journey;

import fi.ips.testsupport.ContainerInfrastructure;
import fi.ips.testsupport.Infrastructure;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same contract against the official {@code mongo} and {@code apache/kafka} images, where a Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ProjectionContainersIT extends ProjectionContract {

    @Container
    static final ContainerInfrastructure INFRASTRUCTURE = new ContainerInfrastructure();

    @Override
    Infrastructure infrastructure() {
        return INFRASTRUCTURE;
    }
}
