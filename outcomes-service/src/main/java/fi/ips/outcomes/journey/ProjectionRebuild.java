package fi.ips.outcomes.journey;

import fi.ips.events.Topics;
import fi.ips.outcomes.fidelity.FidelityReviews;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rebuilds the read models: replays the journeys' topics from the beginning into a fresh collection
 * while the old one keeps serving, and switches to it once it has caught up. Events arriving
 * meanwhile are written to both (see {@link JourneyCollections}), so nothing is missed. The
 * fidelity reviews' topic is replayed into its collection as it is: its documents keep the highest
 * revision received, so the replay restores what is missing, writes each review's latest revision
 * again and leaves the rest ({@link FidelityReviews}). Progress is logged and
 * exposed as {@code ips.outcomes.rebuild.progress} (0–1).
 */
@Component
public class ProjectionRebuild {

    /**
     * How a rebuild stands. {@code step} says what a running one does (its counts stay 0 until the
     * topics have been counted, a few seconds in); null otherwise.
     */
    public record Status(State state, String step, String collection, long replayed, long total, Instant startedAt,
                         Instant finishedAt, String error) {
    }

    public enum State { IDLE, RUNNING, DONE, FAILED }

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    /** Long enough for every instance to notice the rebuild (they look every second) before the replay's end is fixed. */
    private static final Duration ANNOUNCE = Duration.ofSeconds(3);
    static final String ANNOUNCING = "waiting for every instance to write new events to the rebuilt read models too";
    /**
     * Events replayed together, in time order across both topics ({@link TopicReplay}): a client's
     * events stored close together fall in one chunk, whose clients are each inserted whole with one
     * write. Bounded for outcomes-service's heap, beside the summaries it keeps.
     */
    private static final int CHUNK = 2_000;
    private static final int AHEAD_PER_PARTITION = 1_000;

    private final ClientJourneys journeys;
    private final FidelityReviews fidelity;
    private final JourneyCollections collections;
    private final KafkaProperties kafka;
    private final Clock clock;
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private volatile Status status = new Status(State.IDLE, null, null, 0, 0, null, null, null);
    private volatile String step;

    ProjectionRebuild(ClientJourneys journeys, FidelityReviews fidelity, JourneyCollections collections, KafkaProperties kafka, Clock clock,
                      MeterRegistry meters) {
        this.journeys = journeys;
        this.fidelity = fidelity;
        this.collections = collections;
        this.kafka = kafka;
        this.clock = clock;
        Gauge.builder("ips.outcomes.rebuild.progress", this, r -> r.total.get() == 0 ? 0 : (double) r.replayed.get() / r.total.get())
                .description("Share of the topics replayed by the running or last rebuild").register(meters);
    }

    public Status status() {
        Status now = status;
        return now.state() == State.RUNNING
                ? new Status(now.state(), step, now.collection(), replayed.get(), total.get(), now.startedAt(), null, null)
                : now;
    }

    /** Starts a rebuild in the background, unless one runs already. */
    public synchronized Status start() {
        if (status.state() != State.RUNNING) {
            String target = JourneyCollections.INITIAL + "_" + SUFFIX.format(clock.instant());
            replayed.set(0);
            total.set(0);
            step = ANNOUNCING;
            status = new Status(State.RUNNING, null, target, 0, 0, clock.instant(), null, null);
            Thread worker = new Thread(() -> run(target), "projection-rebuild");
            worker.setDaemon(true);
            worker.start();
        }
        return status();
    }

    private void run(String target) {
        Instant started = status.startedAt();
        try {
            collections.startRebuilding(target);
            Thread.sleep(ANNOUNCE.toMillis());
            replay(target);
            step = "switching every instance to the rebuilt read models";
            collections.switchTo(target);
            status = new Status(State.DONE, null, target, replayed.get(), total.get(), started, clock.instant(), null);
            log.info("Rebuild done: {} events replayed into {}, which now serves the figures", replayed.get(), target);
        } catch (Exception e) {
            log.error("Rebuild into {} failed; the previous read models keep serving", target, e);
            collections.abandonRebuilding(target);
            status = new Status(State.FAILED, null, target, replayed.get(), total.get(), started, clock.instant(), e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void replay(String target) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "outcomes-rebuild-" + target);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, AHEAD_PER_PARTITION);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        step = "counting the events on the topics";
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.ALL) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            TopicReplay replay = new TopicReplay(consumer, partitions, AHEAD_PER_PARTITION);
            total.set(replay.total());
            step = "replaying the topics";
            log.info("Rebuilding into {}: replaying {} events from {} partitions", target, total.get(), partitions.size());
            long lastLog = System.nanoTime();
            for (List<ConsumerRecord<String, byte[]>> chunk = replay.next(CHUNK); !chunk.isEmpty(); chunk = replay.next(CHUNK)) {
                JourneyEventListener.project(chunk, events -> journeys.replayInto(target, events), fidelity);
                replayed.addAndGet(chunk.size());
                if (System.nanoTime() - lastLog > Duration.ofSeconds(5).toNanos()) {
                    log.info("Rebuilding into {}: {} of {} events", target, replayed.get(), total.get());
                    lastLog = System.nanoTime();
                }
            }
        }
    }
}
