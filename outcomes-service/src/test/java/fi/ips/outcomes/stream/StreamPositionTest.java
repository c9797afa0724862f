package fi.ips.outcomes.stream;

import fi.ips.support.problem.RuleViolationException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamPositionTest {

    private static final TopicPartition REFERRALS_0 = new TopicPartition("ips.referrals.v1", 0);
    private static final TopicPartition PLACEMENTS_2 = new TopicPartition("ips.placements.v1", 2);
    private static final TopicPartition FIDELITY_1 = new TopicPartition("ips.fidelity.v1", 1);

    @Test
    void aPositionIsWrittenAsTheEventIdAndReadBackAsTheNextOffsets() {
        StreamPosition position = new StreamPosition();
        position.passed(REFERRALS_0, 14);
        position.passed(PLACEMENTS_2, 3);
        position.passed(FIDELITY_1, 0);
        assertThat(position.toString()).isEqualTo("f1-1.p2-4.r0-15");
        StreamPosition resumed = StreamPosition.parse(position.toString());
        assertThat(resumed.next(REFERRALS_0)).isEqualTo(15);
        assertThat(resumed.next(PLACEMENTS_2)).isEqualTo(4);
        assertThat(resumed.next(FIDELITY_1)).isEqualTo(1);
        assertThat(resumed.next(new TopicPartition("ips.referrals.v1", 1))).isNull();
    }

    @Test
    void anIdThisStreamDidNotWriteIsRefused() {
        for (String id : new String[]{"x0-1", "r0-", "r0-1;p0-2", "r0-1.q1-2", "r0-9999999999999999999"}) {
            assertThatThrownBy(() -> StreamPosition.parse(id)).as(id)
                    .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.rule()).isEqualTo("last-event-id"));
        }
    }
}
