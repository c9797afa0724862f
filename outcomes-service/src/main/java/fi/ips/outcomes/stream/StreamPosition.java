package fi.ips.outcomes.stream;

import fi.ips.events.Topics;
import fi.ips.support.problem.RuleViolationException;
import org.apache.kafka.common.TopicPartition;
import org.springframework.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a subscriber is in the topics: the next offset of every partition it has read from.
 * Written as the SSE event id, e.g. {@code r0-15.r1-3.p0-22}, so that a reconnect with
 * {@code Last-Event-ID} continues exactly after the last event received.
 */
final class StreamPosition {

    private static final Pattern PART = Pattern.compile("([rpf])(\\d{1,4})-(\\d{1,18})");
    private static final Map<String, String> TOPIC_OF = Map.of("r", Topics.REFERRALS, "p", Topics.PLACEMENTS, "f", Topics.FIDELITY);

    private final Map<String, Long> next = new TreeMap<>();

    /** @throws RuleViolationException 400 for an id this service did not write */
    static StreamPosition parse(String lastEventId) {
        StreamPosition position = new StreamPosition();
        if (lastEventId.isBlank()) {
            return position;
        }
        for (String part : lastEventId.split("\\.")) {
            Matcher matcher = PART.matcher(part);
            if (!matcher.matches()) {
                throw new RuleViolationException(HttpStatus.BAD_REQUEST, "last-event-id", "Last-Event-ID",
                        "Last-Event-ID is not a position of this stream: reconnect with the id of the last event received");
            }
            position.next.put(matcher.group(1) + matcher.group(2), Long.parseLong(matcher.group(3)));
        }
        return position;
    }

    /** Every partition this position has an offset in, with the next offset to read there. */
    Map<TopicPartition, Long> offsets() {
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        next.forEach((key, offset) -> offsets.put(new TopicPartition(TOPIC_OF.get(key.substring(0, 1)), Integer.parseInt(key.substring(1))), offset));
        return offsets;
    }

    /** The next offset to read in a partition, or null when this position has none there. */
    Long next(TopicPartition partition) {
        return next.get(key(partition));
    }

    /** After a record at {@code offset} of {@code partition} has been handled. */
    void passed(TopicPartition partition, long offset) {
        next.put(key(partition), offset + 1);
    }

    @Override
    public String toString() {
        StringBuilder id = new StringBuilder();
        next.forEach((key, offset) -> id.append(id.isEmpty() ? "" : ".").append(key).append('-').append(offset));
        return id.toString();
    }

    private static String key(TopicPartition partition) {
        String prefix = TOPIC_OF.entrySet().stream().filter(e -> e.getValue().equals(partition.topic())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(partition.topic())).getKey();
        return prefix + partition.partition();
    }
}
