package fi.ips.bench.readmodel;

import fi.ips.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * How far outcomes-service's live projection is behind the topics: its consumer group's committed
 * offsets against the topics' ends, as an operator reads the lag.
 */
public final class Projection implements AutoCloseable {

    /** outcomes-service's consumer group (spring.kafka.consumer.group-id). */
    private static final String GROUP = "outcomes-service";

    private final Admin admin;

    public Projection(String bootstrap) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Events in the topics that the projection has not yet consumed. */
    public long lag() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var description : admin.describeTopics(List.of(Topics.REFERRALS, Topics.PLACEMENTS)).allTopicNames().get().values()) {
            description.partitions().forEach(p -> latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    /** Waits until the lag is 0 or {@code timeout} has passed; answers the lag left. */
    public long awaitCaughtUp(Duration timeout) throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lag = lag();
        while (lag > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            lag = lag();
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close();
    }
}
