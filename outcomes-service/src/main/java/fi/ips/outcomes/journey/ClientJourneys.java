package fi.ips.outcomes.journey;

import fi.ips.events.EventType;
import fi.ips.support.kafka.CloudEventRecords;
import fi.ips.support.kafka.ReceivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One MongoDB document per client: the set of the client's events received so far (each counted
 * once, by its id) and the summary folded from them. Recording an event twice, or again after a
 * crash between the two writes, gives the same figures.
 */
@Component
public class ClientJourneys {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MongoTemplate mongo;
    private final JourneyCollections collections;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final Timer projectionLatency;

    ClientJourneys(MongoTemplate mongo, JourneyCollections collections, ApplicationEventPublisher events, MeterRegistry meters) {
        this.mongo = mongo;
        this.collections = collections;
        this.events = events;
        this.meters = meters;
        this.projectionLatency = Timer.builder("ips.outcomes.projection.latency")
                .description("From an event being stored by its service to it being visible in the figures")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    /** Records an event as it arrives: in the serving collection, and in the one being rebuilt, if any. */
    public void record(ReceivedEvent received) {
        JourneySummary summary = null;
        for (String collection : collections.writeTargets()) {
            summary = recordInto(collection, received);
        }
        if (summary.region() != null) {
            events.publishEvent(new JourneyChanged(summary.region().code()));
        }
        meters.counter("ips.outcomes.events", "type", received.type().ceType()).increment();
        if (received.recorded() != null) {
            projectionLatency.record(Duration.between(received.recorded(), Instant.now()));
        }
    }

    /** Records an event into one collection and answers the client's summary there. */
    JourneySummary recordInto(String collection, ReceivedEvent received) {
        return summarise(collection, received.event().clientId(), appendOnce(collection, received.event().clientId(), received));
    }

    /**
     * Stores the summary folded from the client's events as {@code journey} holds them. Another
     * writer (the rebuild beside the live projection) may have added an event meanwhile, and its
     * summary may already be stored: the write answers the document as it is then, and if it
     * holds more events than the summary was folded from, the summary is folded and stored again.
     * So the last summary written is always that of every event in the document.
     */
    JourneySummary summarise(String collection, String clientId, Document journey) {
        Query client = Query.query(Criteria.where("_id").is(clientId));
        FindAndModifyOptions returnNew = FindAndModifyOptions.options().returnNew(true);
        while (true) {
            List<ReceivedEvent> events = events(journey);
            JourneySummary summary = JourneySummary.of(events);
            Document stored = mongo.findAndModify(client, new Update()
                    .set("region", summary.region() == null ? null : summary.region().code())
                    .set("voided", summary.voided())
                    .set("summary", Document.parse(JSON.writeValueAsString(summary))), returnNew, Document.class, collection);
            if (stored == null || stored.getList("events", Document.class).size() == journey.getList("events", Document.class).size()) {
                return summary;
            }
            journey = stored;
        }
    }

    /** The collection queries read: figures computed from another (before a rebuild's switch) are not these. */
    public String servingCollection() {
        return collections.active();
    }

    /** The summaries of the clients of a region (null: of every region), voided clients left out. */
    public List<JourneySummary> summaries(String region) {
        Criteria criteria = Criteria.where("voided").is(false);
        if (region != null) {
            criteria = criteria.and("region").is(region);
        }
        Query query = Query.query(criteria);
        query.fields().include("summary");
        return mongo.find(query, Document.class, collections.active()).stream()
                .map(doc -> doc.get("summary", Document.class))
                .filter(Objects::nonNull)
                .map(summary -> JSON.readValue(summary.toJson(), JourneySummary.class))
                .toList();
    }

    /**
     * Adds the event to the client's set of events; returns the document as it is now. The query is
     * on {@code _id} alone, so that every MongoDB server (the local wire-protocol server too) finds
     * the document by its index instead of scanning the collection.
     */
    Document appendOnce(String collection, String clientId, ReceivedEvent received) {
        Document event = new Document("id", received.id())
                .append("type", received.type().ceType())
                .append("recorded", received.recorded() == null ? null : received.recorded().toString())
                .append("payload", new String(CloudEventRecords.toJson(received.event()), StandardCharsets.UTF_8));
        Query client = Query.query(Criteria.where("_id").is(clientId));
        Update add = new Update().addToSet("events", event);
        FindAndModifyOptions upsert = FindAndModifyOptions.options().upsert(true).returnNew(true);
        try {
            return mongo.findAndModify(client, add, upsert, Document.class, collection);
        } catch (DuplicateKeyException createdMeanwhile) {
            // Two writers upserted the client's first document at once (the rebuild beside the live projection): it exists now.
            return mongo.findAndModify(client, add, upsert, Document.class, collection);
        }
    }

    /** The client's events, each once by its id (a re-delivery serialised differently is still the same event). */
    private static List<ReceivedEvent> events(Document journey) {
        Map<String, ReceivedEvent> byId = new LinkedHashMap<>();
        for (Document stored : journey.getList("events", Document.class)) {
            byId.putIfAbsent(stored.getString("id"), toReceived(stored));
        }
        return List.copyOf(byId.values());
    }

    private static ReceivedEvent toReceived(Document stored) {
        EventType type = EventType.ofCeType(stored.getString("type")).orElseThrow();
        String recorded = stored.getString("recorded");
        return new ReceivedEvent(stored.getString("id"), type, recorded == null ? null : Instant.parse(recorded),
                CloudEventRecords.fromJson(type, stored.getString("payload").getBytes(StandardCharsets.UTF_8)));
    }

}
