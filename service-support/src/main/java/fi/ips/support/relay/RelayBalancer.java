package fi.ips.support.relay;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shares the relay's segments between the instances of a service. Axon's processors claim free
 * segments but never hand one over, so the instance that starts first would keep them all: every
 * instance says that it is alive ({@code relay_instances}, in the service's database beside
 * Axon's tokens), and one that holds more than its share releases a segment for a while, which an
 * instance with fewer claims then. An instance that stops is forgotten, and its segments claimed by
 * the others once their claims time out.
 */
class RelayBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RelayBalancer.class);
    /** Axon's token table, as the service's token store creates it. */
    private static final TokenSchema TOKENS = TokenSchema.builder().build();
    /** Long enough for another instance to claim a released segment: Axon's processors try every 5 seconds. */
    private static final Duration RELEASED_FOR = Duration.ofSeconds(15);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final String nodeId;
    private final Duration interval;
    private ScheduledExecutorService timer;

    RelayBalancer(JdbcTemplate jdbc, EventProcessingConfiguration processing, String nodeId, Duration interval) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.nodeId = nodeId;
        this.interval = interval;
        jdbc.execute("CREATE TABLE IF NOT EXISTS relay_instances (node_id VARCHAR(255) PRIMARY KEY, seen_at TIMESTAMPTZ NOT NULL)");
    }

    /** One round: say this instance is alive, count the living, give up a segment when holding more than a share. */
    void balance() {
        StreamingEventProcessor relay = processing.eventProcessor(KafkaRelay.PROCESSING_GROUP, StreamingEventProcessor.class).orElse(null);
        if (relay == null || !relay.isRunning()) {
            return;
        }
        jdbc.update("INSERT INTO relay_instances (node_id, seen_at) VALUES (?, now()) ON CONFLICT (node_id) DO UPDATE SET seen_at = now()", nodeId);
        jdbc.update("DELETE FROM relay_instances WHERE seen_at < now() - make_interval(secs => ?)", 4.0 * interval.toMillis() / 1000);
        Integer instances = jdbc.queryForObject("SELECT count(*) FROM relay_instances", Integer.class);
        Integer segments = jdbc.queryForObject("SELECT count(*) FROM " + TOKENS.tokenTable() + " WHERE " + TOKENS.processorNameColumn() + " = ?",
                Integer.class, KafkaRelay.PROCESSING_GROUP);
        Map<Integer, ?> mine = relay.processingStatus();
        int share = (int) Math.ceil((double) segments / Math.max(1, instances));
        if (mine.size() > share) {
            int segment = mine.keySet().iterator().next();
            log.info("Releasing relay segment {}: this instance holds {} of {} segments, {} instances share them",
                    segment, mine.size(), segments, instances);
            relay.releaseSegment(segment, RELEASED_FOR.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "relay-balancer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                balance();
            } catch (DataAccessResourceFailureException unreachable) {
                log.debug("Relay balancing waits for the database: {}", unreachable.getMessage());
            } catch (RuntimeException e) {
                log.warn("Relay balancing failed; the relay goes on with the segments it holds", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        try {
            jdbc.update("DELETE FROM relay_instances WHERE node_id = ?", nodeId);
        } catch (DataAccessException unreachable) {
            log.debug("Could not sign off from relay_instances: {}", unreachable.getMessage());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
