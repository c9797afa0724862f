package fi.ips.outcomes.journey;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads partitions from their beginning to their ends as they were when it was made, in chunks,
 * each chunk the earliest records (by their timestamps) of every partition left. A client's events
 * lie in two topics (a referral and its agreement in one, its jobs in the other), each read at its
 * own pace: in time order, what the services stored together is read together, so a rebuild writes
 * most clients' documents once instead of once per topic and fetch.
 *
 * <p>At most {@code buffered} records of a partition are held ahead of the chunk being gathered: a
 * partition that far ahead is paused until the others catch up.
 */
final class TopicReplay {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<String, byte[]> consumer;
    private final int buffered;
    private final Map<TopicPartition, Long> end;
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> ahead = new LinkedHashMap<>();
    /** Partitions every record of which up to their end has been fetched. */
    private final Set<TopicPartition> fetched = new HashSet<>();
    private final long total;

    TopicReplay(Consumer<String, byte[]> consumer, List<TopicPartition> partitions, int buffered) {
        this.consumer = consumer;
        this.buffered = buffered;
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        this.total = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
        partitions.forEach(p -> ahead.put(p, new ArrayDeque<>()));
    }

    /** How many records there are to replay. */
    long total() {
        return total;
    }

    /** The next at most {@code size} records in time order; empty once every partition has been read to its end. */
    List<ConsumerRecord<String, byte[]>> next(int size) {
        List<ConsumerRecord<String, byte[]>> chunk = new ArrayList<>();
        while (chunk.size() < size) {
            while (starving()) {
                poll();
            }
            TopicPartition earliest = null;
            long earliestTime = Long.MAX_VALUE;
            for (Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> partition : ahead.entrySet()) {
                ConsumerRecord<String, byte[]> head = partition.getValue().peekFirst();
                if (head != null && head.timestamp() < earliestTime) {
                    earliest = partition.getKey();
                    earliestTime = head.timestamp();
                }
            }
            if (earliest == null) {
                break;
            }
            chunk.add(ahead.get(earliest).pollFirst());
        }
        return chunk;
    }

    /** Whether a partition with records still to fetch has none ahead: its next one may be the earliest. */
    private boolean starving() {
        for (Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> partition : ahead.entrySet()) {
            TopicPartition p = partition.getKey();
            if (partition.getValue().isEmpty() && !fetched.contains(p)) {
                if (consumer.position(p) >= end.get(p)) {
                    fetched.add(p);
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    private void poll() {
        List<TopicPartition> full = new ArrayList<>();
        List<TopicPartition> room = new ArrayList<>();
        ahead.forEach((p, records) -> (records.size() >= buffered ? full : room).add(p));
        consumer.pause(full);
        consumer.resume(room);
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            TopicPartition p = new TopicPartition(record.topic(), record.partition());
            // What arrived after the replay began is the live projection's (it writes to the rebuilt collection too).
            if (record.offset() < end.get(p)) {
                ahead.get(p).addLast(record);
            }
        }
    }
}
