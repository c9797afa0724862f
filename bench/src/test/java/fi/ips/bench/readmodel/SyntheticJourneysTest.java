package fi.ips.bench.readmodel;

import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.JobEndedEvent;
import fi.ips.events.JourneyEvent;
import fi.ips.events.Region;
import fi.ips.events.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticJourneysTest {

    @Test
    void aJourneyIsAReferralAnAgreementThenJobsStartedAndEndedInDateOrder() {
        List<JourneyEvent> journey = SyntheticJourneys.journey("bs-x-n1", Region.ofCode("10"), 1, 5);

        assertThat(journey).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "ClientReferredEvent", "AgreementSignedEvent", "JobStartedEvent", "JobEndedEvent", "JobStartedEvent");
        assertThat(journey).isSortedAccordingTo((a, b) -> a.occurredOn().compareTo(b.occurredOn()));
        assertThat(SyntheticJourneys.journey("bs-x-n2", Region.ofCode("10"), 2, 10)).hasSize(10).last().isInstanceOf(JobEndedEvent.class);
    }

    @Test
    void recordsCarryTheContractsKeyTopicHeadersAndJson() {
        JourneyEvent agreement = SyntheticJourneys.journey("bs-x-n3", Region.ofCode("14"), 3, 2).get(1);

        ProducerRecord<String, byte[]> record = SyntheticJourneys.record(agreement);

        assertThat(agreement).isInstanceOf(AgreementSignedEvent.class);
        assertThat(record.topic()).isEqualTo(Topics.REFERRALS);
        assertThat(record.key()).isEqualTo("bs-x-n3");
        assertThat(new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)).isEqualTo("fi.ips.agreement.signed.v1");
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .contains("\"clientId\":\"bs-x-n3\"", "\"region\":\"14\"", "\"signedOn\":\"2020-01-18\"");
        assertThat(SyntheticJourneys.record(SyntheticJourneys.journey("bs-x-n3", Region.ofCode("14"), 3, 3).get(2)).topic())
                .isEqualTo(Topics.PLACEMENTS);
    }
}
