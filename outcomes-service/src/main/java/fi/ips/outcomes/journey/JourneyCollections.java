package fi.ips.outcomes.journey;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Which collection of client journeys serves the figures, and which one a rebuild is filling. Kept
 * in MongoDB ({@code outcomes_meta}) so that every instance of the service follows a switch; each
 * instance looks again every second.
 */
@Component
class JourneyCollections {

    static final String INITIAL = "client_journeys";
    private static final String META = "outcomes_meta";
    private static final String ID = "journeys";
    static final String REGION_INDEX = "region_voided";

    private final MongoTemplate mongo;
    private volatile String active = INITIAL;
    private volatile String rebuilding;

    JourneyCollections(MongoTemplate mongo) {
        this.mongo = mongo;
        refresh();
        indexByRegion(active);
    }

    String active() {
        return active;
    }

    /** Where an event goes: the active collection, and the one being rebuilt, if any. */
    List<String> writeTargets() {
        List<String> targets = new ArrayList<>(List.of(active));
        String target = rebuilding;
        if (target != null) {
            targets.add(target);
        }
        return targets;
    }

    void startRebuilding(String collection) {
        indexByRegion(collection);
        upsert(new Update().set("rebuilding", collection).setOnInsert("active", INITIAL));
        refresh();
    }

    /** The rebuilt collection serves from now on; the previous one is dropped. */
    void switchTo(String collection) {
        String previous = active;
        upsert(new Update().set("active", collection).unset("rebuilding"));
        refresh();
        if (!previous.equals(collection)) {
            mongo.dropCollection(previous);
        }
    }

    void abandonRebuilding(String collection) {
        upsert(new Update().unset("rebuilding"));
        refresh();
        mongo.dropCollection(collection);
    }

    @Scheduled(fixedDelay = 1_000)
    void refresh() {
        Document meta = mongo.findById(ID, Document.class, META);
        active = meta == null || meta.getString("active") == null ? INITIAL : meta.getString("active");
        rebuilding = meta == null ? null : meta.getString("rebuilding");
    }

    /**
     * The KPI queries select a region's clients that are not voided: on MongoDB an index instead of
     * a scan of the country (creating it again is a no-op). The local wire server keeps no
     * secondary index and goes on scanning (docs/performance.md).
     */
    private void indexByRegion(String collection) {
        mongo.indexOps(collection).createIndex(new Index().on("region", Sort.Direction.ASC).on("voided", Sort.Direction.ASC)
                .named(REGION_INDEX));
    }

    private void upsert(Update update) {
        mongo.upsert(Query.query(Criteria.where("_id").is(ID)), update, META);
    }
}
