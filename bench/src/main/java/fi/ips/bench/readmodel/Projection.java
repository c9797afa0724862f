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

/**
 * How far outcomes-service's live projection is behind the topics: its consumer group's committed
 * offsets against the topics' ends, as an operator reads the lag.
 */
public final class Projection {

    /** outcomes-service's consumer group (spring.kafka.consumer.group-id). */
    private static final String GROUP = "outcomes-service";

    private Projection() {
    }

    /** Waits until the projection has caught up; answers the time it took, or null when it did not within {@code timeout}. */
    public static Duration awaitCaughtUp(String bootstrap, Duration timeout) throws Exception {
        long start = System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() - start < timeout.toNanos()) {
                if (lag(admin) == 0) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                Thread.sleep(1000);
            }
        }
        return null;
    }

    static long lag(Admin admin) throws Exception {
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
}
