package fi.ips.outcomes.journey;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import fi.ips.support.kafka.ReceivedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;

/**
 * Test-only: a poll's events as {@link ClientJourneys} folds them for clients it has no document of yet
 * (MongoDB stubbed, finding none), so that a test outside this package feeds arrivals, duplicates and all,
 * to the projection's own fold rather than to a copy of it.
 */
public final class FoldedArrivals {

    /** Each client's summary as the projection would store it. */
    public final Map<String, JourneySummary> summaries;
    /** The ids of the events the projection would add to each client's document, in the order it adds them. */
    public final Map<String, List<String>> storedEventIds;

    private FoldedArrivals(Map<String, JourneySummary> summaries, Map<String, List<String>> storedEventIds) {
        this.summaries = summaries;
        this.storedEventIds = storedEventIds;
    }

    public static FoldedArrivals of(List<ReceivedEvent> arrivals) {
        ClientJourneys journeys = new ClientJourneys(mock(MongoTemplate.class, RETURNS_DEEP_STUBS), mock(JourneyCollections.class),
                mock(ApplicationEventPublisher.class), new SimpleMeterRegistry());
        ClientJourneys.Fold fold = journeys.fold("client_journeys", arrivals);
        List<String> clients = List.copyOf(fold.arriving().keySet());
        Map<String, List<String>> stored = new LinkedHashMap<>();
        for (int i = 0; i < fold.writes().size(); i++) {
            stored.put(clients.get(i), addedIds(fold.writes().get(i)));
        }
        return new FoldedArrivals(Map.copyOf(fold.summaries()), stored);
    }

    private static List<String> addedIds(WriteModel<Document> write) {
        BsonDocument update = ((UpdateOneModel<Document>) write).getUpdate()
                .toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());
        List<String> ids = new ArrayList<>();
        BsonDocument addToSet = update.getDocument("$addToSet", new BsonDocument());
        if (addToSet.containsKey("events")) {
            BsonArray each = addToSet.getDocument("events").getArray("$each");
            for (BsonValue event : each) {
                ids.add(event.asDocument().getString("id").getValue());
            }
        }
        return ids;
    }
}
