package fi.ips.support.kafka;

import fi.ips.events.AgeGroup;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.EventType;
import fi.ips.events.FidelityReviewedEvent;
import fi.ips.events.JobStartedEvent;
import fi.ips.events.JobType;
import fi.ips.events.Region;
import fi.ips.events.ReferralSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CloudEventRecordsTest {

    private static final Instant RECORDED = Instant.parse("2022-04-30T10:15:30.123Z");
    private static final URI SOURCE = URI.create("/ips/referral-service");

    @Test
    void writesBinaryModeHeadersKeyedByClient() {
        var event = new ClientReferredEvent("client-7", Region.POHJOIS_KARJALA, LocalDate.of(2022, 3, 1),
                ReferralSource.SELF_REFERRAL, AgeGroup.AGE_25_34);

        ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(event, "evt-1", RECORDED, SOURCE, "corr-1");

        assertThat(record.topic()).isEqualTo("ips.referrals.v1");
        assertThat(record.key()).isEqualTo("client-7");
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", "evt-1")
                .containsEntry("ce_type", "fi.ips.client.referred.v1")
                .containsEntry("ce_source", "/ips/referral-service")
                .containsEntry("ce_subject", "client-7")
                .containsEntry("ce_time", "2022-04-30T10:15:30.123Z")
                .containsEntry("content-type", "application/json")
                .containsEntry("ce_correlationid", "corr-1");
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .contains("\"clientId\":\"client-7\"", "\"region\":\"14\"", "\"referredOn\":\"2022-03-01\"",
                        "\"ageGroup\":\"25-34\"", "\"schemaVersion\":1")
                .doesNotContain("occurredOn");
    }

    @Test
    void readsBackWhatItWrote() {
        var event = new JobStartedEvent("job-1", "client-7", Region.LAPPI, LocalDate.of(2022, 4, 2),
                JobType.PAID_OPEN_MARKET, 20, null, 5, false, true);
        ProducerRecord<String, byte[]> sent = CloudEventRecords.toRecord(event, "evt-2", RECORDED, SOURCE, null);

        ReceivedEvent received = CloudEventRecords.fromRecord(asConsumed(sent));

        assertThat(received.id()).isEqualTo("evt-2");
        assertThat(received.type()).isEqualTo(EventType.JOB_STARTED);
        assertThat(received.recorded()).isEqualTo(RECORDED);
        assertThat(received.event()).isEqualTo(event);
    }

    @Test
    void toleratesFieldsAddedLaterWithinAVersion() {
        var event = new JobStartedEvent("job-1", "client-7", Region.LAPPI, LocalDate.of(2022, 4, 2),
                JobType.WORK_TRIAL, null, null, null, false, null);
        ProducerRecord<String, byte[]> sent = CloudEventRecords.toRecord(event, "evt-3", RECORDED, SOURCE, null);
        String json = new String(sent.value(), StandardCharsets.UTF_8).replace("{", "{\"addedInLaterRelease\":true,");
        var consumed = new ConsumerRecord<>(sent.topic(), 0, 0L, sent.key(), json.getBytes(StandardCharsets.UTF_8));
        sent.headers().forEach(h -> consumed.headers().add(h));

        assertThat(CloudEventRecords.fromRecord(consumed).event()).isEqualTo(event);
    }

    @Test
    void refusesRecordsOutsideTheContract() {
        var consumed = new ConsumerRecord<String, byte[]>("ips.referrals.v1", 0, 0L, "k", "{}".getBytes(StandardCharsets.UTF_8));
        consumed.headers().add("ce_type", "com.example.other".getBytes(StandardCharsets.UTF_8));
        consumed.headers().add("ce_id", "x".getBytes(StandardCharsets.UTF_8));

        assertThatIllegalArgumentException().isThrownBy(() -> CloudEventRecords.fromRecord(consumed))
                .withMessageContaining("unknown ce_type");
    }

    @Test
    void aFidelityReviewIsKeyedByItsRegionAndReadBack() {
        var reviewed = new FidelityReviewedEvent(Region.KESKI_POHJANMAA, LocalDate.of(2024, 3, 15), 1, 108, null);
        ProducerRecord<String, byte[]> sent = CloudEventRecords.toRecord(reviewed, "e-1", RECORDED, SOURCE, null);

        assertThat(sent.topic()).isEqualTo("ips.fidelity.v1");
        assertThat(sent.key()).isEqualTo("18");
        assertThat(CloudEventRecords.header(sent.headers(), "ce_subject")).isEqualTo("18");
        assertThat(CloudEventRecords.receiveFidelity(asConsumed(sent))).contains(reviewed);
        assertThat(CloudEventRecords.receive(asConsumed(sent))).as("no journey event").isEmpty();
    }

    /** A record the fidelity projection cannot use is skipped, not retried for ever. */
    @Test
    void aFidelityRecordWithoutItsTypeOrReviewIsSkipped() {
        var untyped = new ConsumerRecord<String, byte[]>("ips.fidelity.v1", 0, 0L, "18", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(CloudEventRecords.receiveFidelity(untyped)).isEmpty();

        for (String incomplete : new String[]{"{\"reviewedOn\":\"2024-03-15\",\"revision\":1,\"score\":108,\"schemaVersion\":1}",
                "{\"region\":\"18\",\"revision\":1,\"score\":108,\"schemaVersion\":1}",
                "{\"region\":\"18\",\"reviewedOn\":\"2024-03-15\",\"revision\":0,\"score\":108,\"schemaVersion\":1}", "not json"}) {
            var consumed = new ConsumerRecord<String, byte[]>("ips.fidelity.v1", 0, 0L, "18", incomplete.getBytes(StandardCharsets.UTF_8));
            consumed.headers().add("ce_type", EventType.FIDELITY_REVIEWED.ceType().getBytes(StandardCharsets.UTF_8));
            assertThat(CloudEventRecords.receiveFidelity(consumed)).as(incomplete).isEmpty();
        }
    }

    private static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> sent) {
        var consumed = new ConsumerRecord<>(sent.topic(), 0, 0L, sent.key(), sent.value());
        sent.headers().forEach(h -> consumed.headers().add(h));
        return consumed;
    }
}
