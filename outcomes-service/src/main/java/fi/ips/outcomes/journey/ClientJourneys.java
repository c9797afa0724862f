package fi.ips.outcomes.journey;

import fi.ips.events.EventType;
import fi.ips.events.JourneyEvent;
import fi.ips.events.Region;
import fi.ips.support.kafka.CloudEventRecords;
import fi.ips.support.kafka.ReceivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One MongoDB document per client: the set of the client's events received so far (each counted
 * once, by its id) and the summary folded from them. Recording an event twice, or again after a
 * crash between the two writes, gives the same figures.
 */
@Component
public class ClientJourneys {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Summaries read a batch of this many at a time, from a cursor: every document of the country in one
     * answer takes several times the memory of their summaries (100 000 clients did not fit a service's
     * 256 MB heap), and the MongoDB wire server sends all that is left in one answer unless told otherwise.
     */
    private static final int SUMMARIES_BATCH = 1_000;
    private static final Set<String> EVERY_REGION = Arrays.stream(Region.values()).map(Region::code).collect(Collectors.toUnmodifiableSet());

    private final MongoTemplate mongo;
    private final JourneyCollections collections;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final Timer projectionLatency;
    private final KeptSummaries kept = new KeptSummaries(this::read);

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

    /**
     * Records a poll's events as they arrive: in the serving collection, and in the one being
     * rebuilt, if any. Each region whose clients changed is announced once.
     */
    public void recordAll(List<ReceivedEvent> received) {
        Set<String> changed = new LinkedHashSet<>();
        for (String collection : collections.writeTargets()) {
            recordAllInto(collection, received).values().stream()
                    .filter(summary -> summary.region() != null)
                    .forEach(summary -> changed.add(summary.region().code()));
        }
        changed.forEach(region -> events.publishEvent(new JourneyChanged(region)));
        Instant now = Instant.now();
        for (ReceivedEvent event : received) {
            meters.counter("ips.outcomes.events", "type", event.type().ceType()).increment();
            if (event.recorded() != null) {
                projectionLatency.record(Duration.between(event.recorded(), now));
            }
        }
    }

    /**
     * Records many events into one collection with three round trips, whatever their number (see
     * {@link #fold} and {@link #store}). Another writer of the same clients meanwhile (the rebuild
     * beside the live projection, or another instance projecting the other topic) is allowed for
     * as with a single event ({@link #summarise}).
     *
     * @return each client's summary as stored
     */
    Map<String, JourneySummary> recordAllInto(String collection, List<ReceivedEvent> received) {
        if (received.isEmpty()) {
            return Map.of();
        }
        Map<String, JourneySummary> stored = store(fold(collection, received));
        kept.stored(collection, stored);
        return stored;
    }

    /** A poll's events folded with what a collection held of their clients: the writes to make. */
    record Fold(String collection, Map<String, List<ReceivedEvent>> arriving, Map<String, JourneySummary> summaries,
                Map<String, Set<String>> foldedIds, List<WriteModel<Document>> writes) {
    }

    /** Reads the clients' documents at once and folds each client's new events and summary in memory. */
    Fold fold(String collection, List<ReceivedEvent> received) {
        Map<String, List<ReceivedEvent>> arriving = new LinkedHashMap<>();
        received.forEach(event -> arriving.computeIfAbsent(event.event().clientId(), id -> new ArrayList<>()).add(event));
        Map<String, Document> before = documents(collection, arriving.keySet(), new Document());
        Fold fold = new Fold(collection, arriving, new LinkedHashMap<>(), new HashMap<>(), new ArrayList<>());
        arriving.forEach((clientId, newEvents) -> {
            ClientFold client = ClientFold.of(before.get(clientId), newEvents);
            fold.summaries().put(clientId, client.summary());
            fold.foldedIds().put(clientId, client.ids());
            Bson update = new Document("$set", summaryFields(client.summary()));
            if (!client.added().isEmpty()) {
                update = Updates.combine(update, Updates.addEachToSet("events", client.added()));
            }
            // One write per client, in the order of arriving's keys: a write error's index names its client.
            fold.writes().add(new UpdateOneModel<>(Filters.eq("_id", clientId), update, new UpdateOptions().upsert(true)));
        });
        return fold;
    }

    /** One client's document as it was and its arriving events folded: the summary of all, their ids, and the events it lacked. */
    private record ClientFold(JourneySummary summary, Set<String> ids, List<Document> added) {

        static ClientFold of(Document journey, List<ReceivedEvent> arriving) {
            Map<String, ReceivedEvent> all = journey == null ? new LinkedHashMap<>() : eventsById(journey);
            List<Document> added = new ArrayList<>();
            for (ReceivedEvent event : arriving) {
                if (all.putIfAbsent(event.id(), event) == null) {
                    added.add(toDocument(event));
                }
            }
            return new ClientFold(JourneySummary.of(List.copyOf(all.values())), all.keySet(), added);
        }
    }

    /**
     * Replays events into a collection being rebuilt with one round trip: each client's events are
     * folded in memory and inserted as its whole document. A client whose document exists already (from
     * an earlier chunk, or written meanwhile by the live projection) is recorded as live events are
     * ({@link #recordAllInto}), which merges; once inserted, a document's later writers fold again what
     * they find ({@link #store}), so the insert itself needs no check.
     *
     * @return each client's summary as stored
     */
    Map<String, JourneySummary> replayInto(String collection, List<ReceivedEvent> received) {
        if (received.isEmpty()) {
            return Map.of();
        }
        Map<String, List<ReceivedEvent>> arriving = new LinkedHashMap<>();
        received.forEach(event -> arriving.computeIfAbsent(event.event().clientId(), id -> new ArrayList<>()).add(event));
        Map<String, JourneySummary> summaries = new LinkedHashMap<>();
        List<Document> documents = new ArrayList<>();
        arriving.forEach((clientId, events) -> {
            ClientFold client = ClientFold.of(null, events);
            summaries.put(clientId, client.summary());
            Document journey = new Document("_id", clientId).append("events", client.added());
            journey.putAll(summaryFields(client.summary()));
            documents.add(journey);
        });
        List<ReceivedEvent> existing = new ArrayList<>();
        try {
            mongo.getCollection(collection).insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            List<String> clients = List.copyOf(arriving.keySet());
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                String clientId = clients.get(error.getIndex());
                summaries.remove(clientId);
                existing.addAll(arriving.get(clientId));
            }
        }
        kept.stored(collection, summaries);
        summaries.putAll(recordAllInto(collection, existing));
        return summaries;
    }

    /**
     * Writes a fold with one unordered bulk write, then reads the documents' event ids again: a
     * client whose document gained another writer's event after the fold read it is folded again
     * from the document as it is now.
     */
    Map<String, JourneySummary> store(Fold fold) {
        Map<String, JourneySummary> summaries = new LinkedHashMap<>(fold.summaries());
        Set<String> createdMeanwhile = new HashSet<>();
        try {
            mongo.getCollection(fold.collection()).bulkWrite(fold.writes(), new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            List<String> clients = List.copyOf(fold.arriving().keySet());
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // Another writer created the client's first document at the same moment: it exists now.
                createdMeanwhile.add(clients.get(error.getIndex()));
            }
        }
        documents(fold.collection(), fold.arriving().keySet(), Projections.include("events.id")).forEach((clientId, journey) -> {
            if (!createdMeanwhile.contains(clientId) && !eventIds(journey).equals(fold.foldedIds().get(clientId))) {
                summaries.put(clientId, summarise(fold.collection(), clientId, mongo.findById(clientId, Document.class, fold.collection())));
            }
        });
        for (String clientId : createdMeanwhile) {
            for (ReceivedEvent event : fold.arriving().get(clientId)) {
                summaries.put(clientId, recordInto(fold.collection(), event));
            }
        }
        return summaries;
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
            Document stored = mongo.findAndModify(client, Update.fromDocument(new Document("$set", summaryFields(summary))),
                    returnNew, Document.class, collection);
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

    /**
     * The summaries of the clients of a region (null: of every region), voided clients left out, as
     * the figures read them (without job and study ids): from memory once read (see {@link KeptSummaries}).
     */
    public List<JourneySummary> summaries(String region) {
        return kept.of(collections.active(), region == null ? EVERY_REGION : Set.of(region));
    }

    /** Another instance changed clients of these regions: their summaries are read again from MongoDB. */
    public void forget(Set<String> regions) {
        kept.forget(regions);
    }

    /** Reads the summaries of a collection's clients in these regions, by region, voided clients left out. */
    private Map<String, Map<String, JourneySummary>> read(String collection, Set<String> regions) {
        Criteria criteria = Criteria.where("voided").is(false);
        criteria = regions.size() == 1 ? criteria.and("region").is(regions.iterator().next()) : criteria.and("region").in(regions);
        Query query = Query.query(criteria).cursorBatchSize(SUMMARIES_BATCH);
        query.fields().include("region").include("summary");
        Map<String, Map<String, JourneySummary>> byRegion = new HashMap<>();
        try (Stream<Document> documents = mongo.stream(query, Document.class, collection)) {
            documents.forEach(journey -> {
                JourneySummary summary = storedSummary(journey);
                if (summary != null) {
                    byRegion.computeIfAbsent(journey.getString("region"), code -> new HashMap<>())
                            .put(journey.getString("_id"), KeptSummaries.forFigures(summary));
                }
            });
        }
        return byRegion;
    }

    /**
     * The summary a client's document keeps, or null before one is stored: JSON text, or, in documents
     * written before 3 December 2026 (until a rebuild or the client's next event), a sub-document.
     */
    static JourneySummary storedSummary(Document journey) {
        Object summary = journey.get("summary");
        if (summary instanceof String json) {
            return JSON.readValue(json, JourneySummary.class);
        }
        return summary instanceof Document nested ? JSON.readValue(nested.toJson(), JourneySummary.class) : null;
    }

    /**
     * Adds the event to the client's set of events; returns the document as it is now. The query is
     * on {@code _id} alone, so that every MongoDB server (the local wire-protocol server too) finds
     * the document by its index instead of scanning the collection.
     */
    Document appendOnce(String collection, String clientId, ReceivedEvent received) {
        Query client = Query.query(Criteria.where("_id").is(clientId));
        Update add = new Update().addToSet("events", toDocument(received));
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
        return List.copyOf(eventsById(journey).values());
    }

    private static Map<String, ReceivedEvent> eventsById(Document journey) {
        Map<String, ReceivedEvent> byId = new LinkedHashMap<>();
        for (Document stored : journey.getList("events", Document.class, List.of())) {
            byId.computeIfAbsent(stored.getString("id"), id -> toReceived(stored));
        }
        return byId;
    }

    private static Set<String> eventIds(Document journey) {
        Set<String> ids = new HashSet<>();
        journey.getList("events", Document.class, List.of()).forEach(stored -> ids.add(stored.getString("id")));
        return ids;
    }

    /** The clients' documents that exist, found by {@code _id} (an index on every MongoDB server), with the fields asked for. */
    private Map<String, Document> documents(String collection, Set<String> clientIds, Bson fields) {
        Map<String, Document> found = new HashMap<>();
        mongo.getCollection(collection).find(Filters.in("_id", clientIds)).projection(fields)
                .forEach(doc -> found.put(doc.getString("_id"), doc));
        return found;
    }

    private static Document toDocument(ReceivedEvent received) {
        return new Document("id", received.id())
                .append("type", received.type().ceType())
                .append("recorded", received.recorded() == null ? null : received.recorded().toString())
                .append("payload", new String(CloudEventRecords.toJson(received.event()), StandardCharsets.UTF_8));
    }

    /**
     * What a client's document keeps of its summary: the fields queries select by, and the summary
     * itself as JSON text. Queries never select by what is inside it, and as one string it takes a
     * fraction of a sub-document's memory wherever a query's documents are held (the MongoDB wire
     * server holds all that a query matches: the country's 100 000 clients took several KB each as
     * sub-documents) and is read without a round trip through a document.
     */
    private static Document summaryFields(JourneySummary summary) {
        return new Document("region", summary.region() == null ? null : summary.region().code())
                .append("voided", summary.voided())
                .append("summary", JSON.writeValueAsString(summary));
    }

    private static ReceivedEvent toReceived(Document stored) {
        EventType type = EventType.ofCeType(stored.getString("type")).orElseThrow();
        String recorded = stored.getString("recorded");
        return new ReceivedEvent(stored.getString("id"), type, recorded == null ? null : Instant.parse(recorded),
                (JourneyEvent) CloudEventRecords.fromJson(type, stored.getString("payload").getBytes(StandardCharsets.UTF_8)));
    }

}
