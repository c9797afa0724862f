package fi.ips.outcomes.journey;

import fi.ips.outcomes.OutcomesServiceTest;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.EventType;
import fi.ips.events.JourneyEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.Region;
import fi.ips.events.ServiceEndReason;
import fi.ips.events.ServiceEndedEvent;
import fi.ips.support.kafka.ReceivedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.mockito.AdditionalAnswers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;

/** Two writers of one client's document (the rebuild beside the live projection): the summary stored last covers every event. */
@OutcomesServiceTest
class ClientJourneysTest {

    private static final String COLLECTION = "journeys_writers_test";

    @Autowired
    ClientJourneys journeys;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    JourneyCollections collections;

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
        assertThat(ClientJourneys.storedSummary(stored).agreementSignedOn()).isEqualTo(LocalDate.of(2022, 3, 10));
    }

    @Test
    void theSameEventTwiceIsOneEvent() {
        String client = "c-" + UUID.randomUUID();
        ReceivedEvent referred = received(new ClientReferredEvent(client, Region.LAPPI, LocalDate.of(2022, 3, 1), ReferralSource.OTHER, null), 1);

        journeys.recordInto(COLLECTION, referred);
        journeys.recordInto(COLLECTION, referred);

        assertThat(mongo.findById(client, Document.class, COLLECTION).getList("events", Document.class)).hasSize(1);
    }

    @Test
    void aPollOfManyClientsIsFoldedPerClientAndARedeliveryChangesNothing() {
        String first = "c-" + UUID.randomUUID();
        String second = "c-" + UUID.randomUUID();
        List<ReceivedEvent> poll = List.of(
                received(new ClientReferredEvent(first, Region.LAPPI, LocalDate.of(2022, 3, 1), ReferralSource.OTHER, null), 1),
                received(new ClientReferredEvent(second, Region.KAINUU, LocalDate.of(2022, 3, 2), ReferralSource.OTHER, null), 2),
                received(new AgreementSignedEvent(first, Region.LAPPI, LocalDate.of(2022, 3, 10)), 3));

        Map<String, JourneySummary> summaries = journeys.recordAllInto(COLLECTION, poll);
        journeys.recordAllInto(COLLECTION, poll);

        assertThat(summaries.get(first).agreementSignedOn()).isEqualTo(LocalDate.of(2022, 3, 10));
        assertThat(summaries.get(second).region()).isEqualTo(Region.KAINUU);
        assertThat(summaries.get(second).agreementSignedOn()).isNull();
        Document stored = mongo.findById(first, Document.class, COLLECTION);
        assertThat(stored.getList("events", Document.class)).hasSize(2);
        assertThat(ClientJourneys.storedSummary(stored).agreementSignedOn()).isEqualTo(LocalDate.of(2022, 3, 10));
        assertThat(stored.getString("region")).isEqualTo(Region.LAPPI.code());
    }

    @Test
    void aPollAddsToWhatASingleEventStoredBefore() {
        String client = "c-" + UUID.randomUUID();
        journeys.recordInto(COLLECTION, received(new ClientReferredEvent(client, Region.LAPPI, LocalDate.of(2022, 3, 1), ReferralSource.OTHER, null), 1));

        JourneySummary summary = journeys.recordAllInto(COLLECTION,
                List.of(received(new AgreementSignedEvent(client, Region.LAPPI, LocalDate.of(2022, 3, 10)), 2))).get(client);

        assertThat(summary.referredOn()).isEqualTo(LocalDate.of(2022, 3, 1));
        assertThat(summary.agreementSignedOn()).isEqualTo(LocalDate.of(2022, 3, 10));
    }

    @Test
    void aPollFoldedBeforeAnotherWritersEventIsFoldedAgain() {
        String existing = "c-" + UUID.randomUUID();
        String created = "c-" + UUID.randomUUID();
        journeys.recordInto(COLLECTION, received(new ClientReferredEvent(existing, Region.LAPPI, LocalDate.of(2022, 3, 1), ReferralSource.OTHER, null), 1));

        // The poll is folded; before it is stored, another writer records an event of each of its clients whole.
        ClientJourneys.Fold poll = journeys.fold(COLLECTION, List.of(
                received(new AgreementSignedEvent(existing, Region.LAPPI, LocalDate.of(2022, 3, 10)), 2),
                received(new ClientReferredEvent(created, Region.KAINUU, LocalDate.of(2022, 4, 1), ReferralSource.OTHER, null), 3)));
        journeys.recordInto(COLLECTION, received(new ServiceEndedEvent(existing, Region.LAPPI, LocalDate.of(2022, 6, 1), ServiceEndReason.MOVED_AWAY), 4));
        journeys.recordInto(COLLECTION, received(new AgreementSignedEvent(created, Region.KAINUU, LocalDate.of(2022, 4, 5)), 5));
        Map<String, JourneySummary> summaries = journeys.store(poll);

        assertThat(summaries.get(existing).agreementSignedOn()).isEqualTo(LocalDate.of(2022, 3, 10));
        assertThat(summaries.get(existing).serviceEndedOn()).isEqualTo(LocalDate.of(2022, 6, 1));
        assertThat(summaries.get(created).referredOn()).isEqualTo(LocalDate.of(2022, 4, 1));
        assertThat(summaries.get(created).agreementSignedOn()).isEqualTo(LocalDate.of(2022, 4, 5));
        JourneySummary existingStored = ClientJourneys.storedSummary(mongo.findById(existing, Document.class, COLLECTION));
        assertThat(existingStored.agreementSignedOn()).isEqualTo(LocalDate.of(2022, 3, 10));
        assertThat(existingStored.serviceEndedOn()).isEqualTo(LocalDate.of(2022, 6, 1));
        JourneySummary createdStored = ClientJourneys.storedSummary(mongo.findById(created, Document.class, COLLECTION));
        assertThat(createdStored.referredOn()).isEqualTo(LocalDate.of(2022, 4, 1));
        assertThat(createdStored.agreementSignedOn()).isEqualTo(LocalDate.of(2022, 4, 5));
    }

    @Test
    void aClientWhoseFirstDocumentAnotherWriterCreatedAtTheSameMomentGetsEveryEvent() {
        String client = "c-" + UUID.randomUUID();
        ReceivedEvent referred = received(new ClientReferredEvent(client, Region.LAPPI, LocalDate.of(2022, 3, 1), ReferralSource.OTHER, null), 1);
        ReceivedEvent signed = received(new AgreementSignedEvent(client, Region.LAPPI, LocalDate.of(2022, 3, 10)), 2);
        // The race a test cannot time: the other writer creates the document between the poll's read and its upsert, and the
        // server refuses the upsert as a second document of that _id (what a real MongoDB answers when both insert at once).
        MongoCollection<Document> real = mongo.getCollection(COLLECTION);
        MongoCollection<Document> racing = mock(MongoCollection.class, AdditionalAnswers.delegatesTo(real));
        doAnswer(invocation -> {
            journeys.recordInto(COLLECTION, referred);
            throw new MongoBulkWriteException(BulkWriteResult.unacknowledged(),
                    List.of(new BulkWriteError(11000, "E11000 duplicate key error", new BsonDocument(), 0)), null, new ServerAddress(), Set.of());
        }).when(racing).bulkWrite(anyList(), any(BulkWriteOptions.class));
        MongoTemplate template = spy(mongo);
        doReturn(racing).when(template).getCollection(COLLECTION);
        ClientJourneys poll = new ClientJourneys(template, collections, event -> { }, new SimpleMeterRegistry());

        JourneySummary summary = poll.recordAllInto(COLLECTION, List.of(signed)).get(client);

        assertThat(summary.referredOn()).isEqualTo(LocalDate.of(2022, 3, 1));
        assertThat(summary.agreementSignedOn()).isEqualTo(LocalDate.of(2022, 3, 10));
        Document stored = mongo.findById(client, Document.class, COLLECTION);
        assertThat(stored.getList("events", Document.class)).hasSize(2);
        assertThat(ClientJourneys.storedSummary(stored).agreementSignedOn()).isEqualTo(LocalDate.of(2022, 3, 10));
    }

    @Test
    void aReplayInsertsEachClientWholeAndMergesAClientTheLiveProjectionWroteMeanwhile() {
        String inserted = "c-" + UUID.randomUUID();
        String live = "c-" + UUID.randomUUID();
        ReceivedEvent liveReferral = received(new ClientReferredEvent(live, Region.KAINUU, LocalDate.of(2022, 4, 1), ReferralSource.OTHER, null), 3);
        // The live projection writes to a collection being rebuilt too: it got there first with this event, and one the replay lacks.
        journeys.recordAllInto(COLLECTION, List.of(liveReferral,
                received(new ServiceEndedEvent(live, Region.KAINUU, LocalDate.of(2022, 6, 1), ServiceEndReason.MOVED_AWAY), 5)));

        Map<String, JourneySummary> summaries = journeys.replayInto(COLLECTION, List.of(
                received(new ClientReferredEvent(inserted, Region.LAPPI, LocalDate.of(2022, 3, 1), ReferralSource.OTHER, null), 1),
                liveReferral,
                received(new AgreementSignedEvent(inserted, Region.LAPPI, LocalDate.of(2022, 3, 10)), 2),
                received(new AgreementSignedEvent(live, Region.KAINUU, LocalDate.of(2022, 4, 5)), 4)));

        assertThat(summaries.get(inserted).agreementSignedOn()).isEqualTo(LocalDate.of(2022, 3, 10));
        Document insertedStored = mongo.findById(inserted, Document.class, COLLECTION);
        assertThat(insertedStored.getList("events", Document.class)).hasSize(2);
        assertThat(insertedStored.getString("region")).isEqualTo(Region.LAPPI.code());
        assertThat(insertedStored.getBoolean("voided")).isFalse();
        assertThat(ClientJourneys.storedSummary(insertedStored)).isEqualTo(summaries.get(inserted));
        Document liveStored = mongo.findById(live, Document.class, COLLECTION);
        assertThat(liveStored.getList("events", Document.class)).as("the live projection's events and the replay's, each once").hasSize(3);
        JourneySummary merged = ClientJourneys.storedSummary(liveStored);
        assertThat(merged).isEqualTo(summaries.get(live));
        assertThat(merged.agreementSignedOn()).isEqualTo(LocalDate.of(2022, 4, 5));
        assertThat(merged.serviceEndedOn()).isEqualTo(LocalDate.of(2022, 6, 1));
    }

    @Test
    void aClientsEventsReplayedInTwoChunksAreOneDocument() {
        String client = "c-" + UUID.randomUUID();
        journeys.replayInto(COLLECTION, List.of(received(new ClientReferredEvent(client, Region.LAPPI, LocalDate.of(2022, 3, 1), ReferralSource.OTHER, null), 1)));
        journeys.replayInto(COLLECTION, List.of(received(new AgreementSignedEvent(client, Region.LAPPI, LocalDate.of(2022, 3, 10)), 2)));

        Document stored = mongo.findById(client, Document.class, COLLECTION);
        assertThat(stored.getList("events", Document.class)).hasSize(2);
        assertThat(ClientJourneys.storedSummary(stored).referredOn()).isEqualTo(LocalDate.of(2022, 3, 1));
        assertThat(ClientJourneys.storedSummary(stored).agreementSignedOn()).isEqualTo(LocalDate.of(2022, 3, 10));
    }

    @Test
    void aSummaryIsStoredAsJsonTextAndOneStoredAsASubDocumentBeforeIsStillRead() {
        String client = "c-" + UUID.randomUUID();
        journeys.recordInto(COLLECTION, received(new ClientReferredEvent(client, Region.LAPPI, LocalDate.of(2022, 3, 1), ReferralSource.OTHER, null), 1));
        Document stored = mongo.findById(client, Document.class, COLLECTION);

        assertThat(stored.get("summary")).isInstanceOf(String.class);
        assertThat(ClientJourneys.storedSummary(stored).referredOn()).isEqualTo(LocalDate.of(2022, 3, 1));
        Document before = new Document("_id", client).append("summary", Document.parse(stored.getString("summary")));
        assertThat(ClientJourneys.storedSummary(before)).isEqualTo(ClientJourneys.storedSummary(stored));
        assertThat(ClientJourneys.storedSummary(new Document("_id", client))).isNull();
    }

    @Test
    void aRegionsSummariesAreReadWholeAcrossTheCursorsBatches() {
        String serving = journeys.servingCollection();
        String client = "c-" + UUID.randomUUID();
        journeys.recordInto(serving, received(new ClientReferredEvent(client, Region.LAPPI, LocalDate.of(2022, 3, 1), ReferralSource.OTHER, null), 1));
        // A region of this test's own, so that no other test's clients are counted; a voided client among them is left out.
        String region = "t-" + UUID.randomUUID();
        Document stored = mongo.findById(client, Document.class, serving);
        List<Document> clients = IntStream.range(0, 2_501)
                .mapToObj(i -> new Document(stored).append("_id", client + "-" + i).append("region", region).append("voided", i == 0))
                .toList();
        mongo.insert(clients, serving);
        try {
            assertThat(journeys.summaries(region)).hasSize(2_500)
                    .allSatisfy(summary -> assertThat(summary.referredOn()).isEqualTo(LocalDate.of(2022, 3, 1)));
        } finally {
            journeys.forget(Set.of(region));
            mongo.remove(Query.query(Criteria.where("region").is(region)), serving);
            mongo.remove(Query.query(Criteria.where("_id").is(client)), serving);
        }
    }

    @Test
    void aRegionsSummariesFollowTheFoldsStoredAndAreReadAgainOnlyAfterAnotherInstancesChange() {
        String serving = journeys.servingCollection();
        int before = journeys.summaries(Region.KAINUU.code()).size();
        String client = "c-" + UUID.randomUUID();
        journeys.recordAll(List.of(received(new ClientReferredEvent(client, Region.KAINUU, LocalDate.of(2022, 3, 1), ReferralSource.OTHER, null), 1)));
        assertThat(journeys.summaries(Region.KAINUU.code())).hasSize(before + 1);
        assertThat(journeys.summaries(null)).extracting(JourneySummary::referredOn).contains(LocalDate.of(2022, 3, 1));

        // Another instance voids the client: this one hears of it through outcomes_changes, not from its own folds.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(client)), Update.update("voided", true), serving);
        assertThat(journeys.summaries(Region.KAINUU.code())).hasSize(before + 1);
        journeys.forget(Set.of(Region.KAINUU.code()));

        assertThat(journeys.summaries(Region.KAINUU.code())).hasSize(before);
    }

    private static ReceivedEvent received(JourneyEvent event, int second) {
        return new ReceivedEvent(UUID.randomUUID().toString(), EventType.of(event), Instant.parse("2022-05-01T00:00:00Z").plusSeconds(second), event);
    }
}
