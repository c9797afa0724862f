package fi.ips.outcomes.journey;

import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.EventType;
import fi.ips.events.JourneyEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.Region;
import fi.ips.support.kafka.ReceivedEvent;
import fi.ips.testsupport.EmbeddedInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Two writers of one client's document (the rebuild beside the live projection): the summary stored last covers every event. */
@SpringBootTest(properties = {"spring.kafka.listener.auto-startup=false", "spring.kafka.admin.auto-create=false"})
class ClientJourneysTest {

    private static final String COLLECTION = "journeys_writers_test";

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        String uri = EmbeddedInfrastructure.mongo();
        properties.add("spring.mongodb.uri", () -> uri);
    }

    @Autowired
    ClientJourneys journeys;

    @Autowired
    MongoTemplate mongo;

    @Test
    void aSummaryFoldedBeforeAnotherWritersEventIsFoldedAgain() {
        String client = "c-" + UUID.randomUUID();
        ReceivedEvent referred = received(new ClientReferredEvent(client, Region.LAPPI, LocalDate.of(2022, 3, 1), ReferralSource.OTHER, null), 1);
        ReceivedEvent signed = received(new AgreementSignedEvent(client, Region.LAPPI, LocalDate.of(2022, 3, 10)), 2);

        // The first writer adds the referral; before it stores its summary, the second records the agreement whole.
        Document firstWritersView = journeys.appendOnce(COLLECTION, client, referred);
        journeys.recordInto(COLLECTION, signed);
        JourneySummary firstWritersSummary = journeys.summarise(COLLECTION, client, firstWritersView);

        assertThat(firstWritersSummary.agreementSignedOn()).isEqualTo(LocalDate.of(2022, 3, 10));
        Document stored = mongo.findById(client, Document.class, COLLECTION);
        assertThat(stored.get("summary", Document.class).getString("agreementSignedOn")).isEqualTo("2022-03-10");
    }

    @Test
    void theSameEventTwiceIsOneEvent() {
        String client = "c-" + UUID.randomUUID();
        ReceivedEvent referred = received(new ClientReferredEvent(client, Region.LAPPI, LocalDate.of(2022, 3, 1), ReferralSource.OTHER, null), 1);

        journeys.recordInto(COLLECTION, referred);
        journeys.recordInto(COLLECTION, referred);

        assertThat(mongo.findById(client, Document.class, COLLECTION).getList("events", Document.class)).hasSize(1);
    }

    private static ReceivedEvent received(JourneyEvent event, int second) {
        return new ReceivedEvent(UUID.randomUUID().toString(), EventType.of(event), Instant.parse("2022-05-01T00:00:00Z").plusSeconds(second), event);
    }
}
