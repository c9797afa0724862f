package fi.ips.outcomes.journey;

import fi.ips.testsupport.ContainerInfrastructure;
import fi.ips.testsupport.Infrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The same contract against the official {@code mongo} and {@code apache/kafka} images, where a Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ProjectionContainersIT extends ProjectionContract {

    @Container
    static final ContainerInfrastructure INFRASTRUCTURE = new ContainerInfrastructure();

    @Override
    Infrastructure infrastructure() {
        return INFRASTRUCTURE;
    }

    /** Not in the contract: the local wire server keeps no secondary index (it warns and scans). */
    @Test
    void aRegionsClientsAreFoundThroughAnIndex() {
        try (ConfigurableApplicationContext service = start("outcomes-" + UUID.randomUUID())) {
            String serving = service.getBean(JourneyCollections.class).active();
            assertThat(service.getBean(MongoTemplate.class).indexOps(serving).getIndexInfo())
                    .extracting(IndexInfo::getName).contains(JourneyCollections.REGION_INDEX);
        }
    }
}
