package fi.ips.outcomes.kpi;

import fi.ips.events.Region;
import fi.ips.outcomes.journey.JourneyChanged;
import fi.ips.support.security.Caller;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells dashboards when figures change, so that they need not poll: changes are gathered and sent
 * at most four times a second as one {@code figures-changed} message naming the regions (each
 * subscriber hears only of the regions it may read; the national figures change with any).
 */
@Component
class LiveUpdates {

    private record Subscriber(SseEmitter emitter, Caller caller) {
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    LiveUpdates(Clock clock) {
        this.clock = clock;
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

    @Scheduled(fixedDelay = 250)
    void flush() {
        if (changed.isEmpty()) {
            return;
        }
        Set<String> regions = new TreeSet<>(changed);
        changed.removeAll(regions);
        Instant at = clock.instant();
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

    /** Keeps idle connections open through proxies. */
    @Scheduled(fixedRate = 15_000)
    void keepAlive() {
        subscribers.forEach(subscriber -> send(subscriber, SseEmitter.event().comment("keep-alive")));
    }

    private void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        try {
            subscriber.emitter().send(event);
        } catch (IOException | IllegalStateException gone) {
            subscribers.remove(subscriber);
        }
    }
}
