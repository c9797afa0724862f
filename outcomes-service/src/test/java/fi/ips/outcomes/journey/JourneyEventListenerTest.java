package fi.ips.outcomes.journey;

import fi.ips.events.ClientReferredEvent;
import fi.ips.events.FidelityReviewedEvent;
import fi.ips.events.IpsEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.Region;
import fi.ips.outcomes.fidelity.FidelityReviews;
import fi.ips.support.kafka.CloudEventRecords;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class JourneyEventListenerTest {

    /** A poll's journey events go to the journeys, its fidelity reviews' to the reviews; each record is timed. */
    @Test
    void eachRecordIsTimedBesideSpringKafkasOwnTimerOfTheBatch() {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // What the listener container registers for each batch, before any record is observed.
        Timer.builder("spring.kafka.listener").tags("name", "outcomes-projection-0", "result", "success", "exception", "none").register(meters);
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        KafkaProperties kafka = new KafkaProperties();
        kafka.getConsumer().setGroupId("outcomes-service");
        ClientJourneys journeys = mock(ClientJourneys.class);
        FidelityReviews fidelity = mock(FidelityReviews.class);
        ClientReferredEvent referred = new ClientReferredEvent("c-1", Region.LAPPI, LocalDate.of(2022, 3, 1), ReferralSource.OTHER, null);
        FidelityReviewedEvent reviewed = new FidelityReviewedEvent(Region.LAPPI, LocalDate.of(2024, 3, 15), 1, 108, null);

        new JourneyEventListener(journeys, fidelity, observations, kafka).on(List.of(record(referred), record(reviewed), record(referred)));

        verify(journeys).recordAll(argThat(events -> events.size() == 2 && events.stream().allMatch(e -> e.event().equals(referred))));
        verify(fidelity).recordAll(List.of(reviewed));
        Timer perRecord = meters.find("ips.outcomes.projection.record").timer();
        assertThat(perRecord).as("the per-record timer, registered beside spring.kafka.listener").isNotNull();
        assertThat(meters.find("ips.outcomes.projection.record").timers().stream().mapToLong(Timer::count).sum())
                .as("one a record, whatever its topic").isEqualTo(3);
    }

    private static ConsumerRecord<String, byte[]> record(IpsEvent event) {
        ProducerRecord<String, byte[]> sent = CloudEventRecords.toRecord(event, "e-1", Instant.parse("2022-03-01T10:00:00Z"), URI.create("/ips/test"), null);
        ConsumerRecord<String, byte[]> received = new ConsumerRecord<>(sent.topic(), 0, 0, sent.key(), sent.value());
        sent.headers().forEach(header -> received.headers().add(header));
        return received;
    }
}
