package fi.ips.outcomes.kpi;

import fi.ips.events.Region;
import fi.ips.outcomes.fidelity.FidelityChanged;
import fi.ips.outcomes.journey.JourneyChanged;
import fi.ips.support.security.Caller;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells dashboards when figures change, so that they need not poll: a {@code figures-changed}
 * message names the regions changed since the last look, 50 ms before (each subscriber hears only
 * of the regions it may read; the national figures change with any). A region is announced at most
 * four times a second: a busy region's changes wait out the rest of its 250 ms and go as one, while
 * a quiet region's change goes at the next look, whatever the rhythm of the busy ones.
 * Instances of the service share the Kafka partitions, so a change is announced through MongoDB
 * ({@code outcomes_changes}: a version per region): every instance tells its own subscribers of
 * the changes any instance has made. A stream ends when the token it was opened with expires, so
 * that a withdrawn grant ends its streams too: the dashboard opens a new one with its login's
 * renewed token, or logs in again.
 */
@Component
class LiveUpdates {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final String CHANGES = "outcomes_changes";
    private static final long GAP_MILLIS = 250;

    private record Subscriber(SseEmitter emitter, Caller caller) {
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final MongoTemplate mongo;
    private final Clock clock;
    private final EmploymentKpis kpis;
    private Map<String, Long> seen;
    /** When this instance last announced each region, by {@link Clock#millis()}. */
    private final Map<String, Long> announcedAt = new HashMap<>();

    LiveUpdates(MongoTemplate mongo, Clock clock, EmploymentKpis kpis, MeterRegistry meters) {
        this.mongo = mongo;
        this.clock = clock;
        this.kpis = kpis;
        Gauge.builder("ips.outcomes.live.subscribers", subscribers, List::size).description("Dashboards told of changed figures")
                .register(meters);
    }

    SseEmitter subscribe(Caller caller) {
        SseEmitter emitter = new SseEmitter(0L);
        Subscriber subscriber = new Subscriber(emitter, caller);
        subscribers.add(subscriber);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        send(subscriber, SseEmitter.event().comment("subscribed"));
        return emitter;
    }

    @EventListener
    void on(JourneyChanged change) {
        changed.add(change.region());
    }

    @EventListener
    void on(FidelityChanged change) {
        changed.add(change.region());
    }

    /** Announces this instance's changes, then tells the subscribers of every instance's. */
    @Scheduled(fixedDelay = 50)
    synchronized void flush() {
        try {
            if (seen == null) {
                seen = versions();
            }
            long now = clock.millis();
            Set<String> ours = new TreeSet<>();
            for (String region : new TreeSet<>(changed)) {
                Long last = announcedAt.get(region);
                if (last != null && now - last < GAP_MILLIS) {
                    continue;
                }
                // Taken off first: a change arriving meanwhile is announced in the next round.
                changed.remove(region);
                try {
                    mongo.upsert(Query.query(Criteria.where("_id").is(region)), new Update().inc("version", 1L), CHANGES);
                } catch (DataAccessException unreachable) {
                    changed.add(region);
                    throw unreachable;
                }
                ours.add(region);
                announcedAt.put(region, now);
            }
            Map<String, Long> versions = versions();
            Set<String> regions = new TreeSet<>();
            Set<String> others = new TreeSet<>();
            versions.forEach((region, version) -> {
                long before = seen.getOrDefault(region, 0L);
                if (version != before) {
                    regions.add(region);
                }
                // Beyond this instance's own step: another instance changed the region too.
                if (version != before + (ours.contains(region) ? 1 : 0)) {
                    others.add(region);
                }
            });
            seen = versions;
            if (!others.isEmpty()) {
                // What is kept from before another instance's change goes first, so that a dashboard told of it reads the new figures.
                kpis.forget(others);
            }
            if (!regions.isEmpty()) {
                tell(regions);
            }
        } catch (DataAccessResourceFailureException unreachable) {
            // The projection stops with MongoDB too (readiness says so); changes are announced once it is back.
            log.debug("Live updates wait for MongoDB: {}", unreachable.getMessage());
        }
    }

    private Map<String, Long> versions() {
        Map<String, Long> versions = new HashMap<>();
        mongo.findAll(Document.class, CHANGES).forEach(doc -> versions.put(doc.getString("_id"), doc.get("version", Number.class).longValue()));
        return versions;
    }

    private void tell(Set<String> regions) {
        Instant at = clock.instant();
        endExpired(at);
        for (Subscriber subscriber : subscribers) {
            List<String> visible = regions.stream().filter(code -> subscriber.caller().mayRead(Region.ofCode(code))).toList();
            send(subscriber, SseEmitter.event().name("figures-changed")
                    .data(Map.of("regions", visible, "national", true, "at", at.toString())));
        }
    }

    /**
     * Ends every stream as the service stops, before the web server waits for open requests: a
     * stream never ends by itself, so graceful shutdown would otherwise wait its full timeout.
     * Dashboards reconnect (EventSource does so by itself).
     */
    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        subscribers.forEach(subscriber -> subscriber.emitter().complete());
        subscribers.clear();
    }

    /** Keeps idle connections open through proxies, and ends those whose token has expired. */
    @Scheduled(fixedRate = 15_000)
    void keepAlive() {
        endExpired(clock.instant());
        subscribers.forEach(subscriber -> send(subscriber, SseEmitter.event().comment("keep-alive")));
    }

    private void endExpired(Instant now) {
        for (Subscriber subscriber : subscribers) {
            if (subscriber.caller().hasExpired(now)) {
                subscribers.remove(subscriber);
                subscriber.emitter().complete();
            }
        }
    }

    private void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        try {
            subscriber.emitter().send(event);
        } catch (IOException | IllegalStateException gone) {
            subscribers.remove(subscriber);
        }
    }
}
