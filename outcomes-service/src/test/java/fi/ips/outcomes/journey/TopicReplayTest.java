package fi.ips.outcomes.journey;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TopicReplayTest {

    private static final TopicPartition REFERRALS = new TopicPartition("ips.referrals.v1", 0);
    private static final TopicPartition PLACEMENTS = new TopicPartition("ips.placements.v1", 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");

    @Test
    void bothTopicsAreReadTogetherInTimeOrderUpToTheirEndsAtTheStart() {
        consumer.updateBeginningOffsets(Map.of(REFERRALS, 0L, PLACEMENTS, 0L));
        consumer.updateEndOffsets(Map.of(REFERRALS, 3L, PLACEMENTS, 2L));
        TopicReplay replay = new TopicReplay(consumer, List.of(REFERRALS, PLACEMENTS), 10);
        add(REFERRALS, 0, 100, "a");
        add(REFERRALS, 1, 101, "a");
        add(REFERRALS, 2, 300, "b");
        add(REFERRALS, 3, 400, "arrived after the start");
        add(PLACEMENTS, 0, 102, "a");
        add(PLACEMENTS, 1, 301, "b");

        assertThat(replay.total()).isEqualTo(5);
        assertThat(replay.next(3)).extracting(ConsumerRecord::timestamp).containsExactly(100L, 101L, 102L);
        assertThat(replay.next(3)).extracting(ConsumerRecord::timestamp).containsExactly(300L, 301L);
        assertThat(replay.next(3)).isEmpty();
    }

    @Test
    void aPartitionFarAheadWaitsWhileAnotherIsFetched() {
        consumer.updateBeginningOffsets(Map.of(REFERRALS, 0L, PLACEMENTS, 0L));
        consumer.updateEndOffsets(Map.of(REFERRALS, 4L, PLACEMENTS, 1L));
        TopicReplay replay = new TopicReplay(consumer, List.of(REFERRALS, PLACEMENTS), 2);
        for (int offset = 0; offset < 4; offset++) {
            add(REFERRALS, offset, 200 + offset, "r" + offset);
        }
        // The placement is fetched only by the second poll: the earliest record of all, which the first could not know of.
        List<Set<TopicPartition>> pausedAtEachPoll = new ArrayList<>();
        consumer.schedulePollTask(() -> pausedAtEachPoll.add(new HashSet<>(consumer.paused())));
        consumer.schedulePollTask(() -> {
            pausedAtEachPoll.add(new HashSet<>(consumer.paused()));
            add(PLACEMENTS, 0, 100, "p0");
        });

        assertThat(replay.next(10)).extracting(ConsumerRecord::timestamp).containsExactly(100L, 200L, 201L, 202L, 203L);
        assertThat(pausedAtEachPoll).containsExactly(Set.of(), Set.of(REFERRALS));
    }

    @Test
    void emptyTopicsReplayNothing() {
        consumer.updateBeginningOffsets(Map.of(REFERRALS, 5L, PLACEMENTS, 0L));
        consumer.updateEndOffsets(Map.of(REFERRALS, 5L, PLACEMENTS, 0L));
        TopicReplay replay = new TopicReplay(consumer, List.of(REFERRALS, PLACEMENTS), 10);

        assertThat(replay.total()).isZero();
        assertThat(replay.next(10)).isEmpty();
    }

    private void add(TopicPartition partition, long offset, long timestamp, String key) {
        consumer.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset, timestamp, TimestampType.CREATE_TIME,
                -1, -1, key, new byte[0], new RecordHeaders(), Optional.empty()));
    }
}
