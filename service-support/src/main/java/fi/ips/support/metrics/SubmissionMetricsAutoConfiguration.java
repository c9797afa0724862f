package fi.ips.support.metrics;

import fi.ips.events.EventType;
import fi.ips.events.IpsEvent;
import fi.ips.support.eventstore.OnCommit;
import fi.ips.support.eventstore.SettledGaps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * What operators watch next to the technical metrics, in every service with an event store:
 * {@code ips.events.accepted} (events stored, per type and region, counted when their
 * transaction commits), {@code ips.relay.lag} (events stored but not yet relayed to Kafka) and
 * {@code ips.relay.gaps} (numbers of the event sequence the relay still waits for).
 * Refused submissions are counted where they are answered ({@code ips.submissions.refused}, RefusedSubmissions).
 */
@AutoConfiguration(afterName = "fi.ips.support.eventstore.AxonJdbcAutoConfiguration")
@ConditionalOnClass({EventStore.class, MeterRegistry.class})
@ConditionalOnBean(EventStorageEngine.class)
class SubmissionMetricsAutoConfiguration {

    /** The relay's processing group (KafkaRelay's), by name: the relay may be switched off. */
    private static final String RELAY = "kafka-relay";
    private static final TokenSchema TOKENS = TokenSchema.builder().build();

    @Bean
    SmartInitializingSingleton acceptedEventsCounter(EventStore eventStore, ObjectProvider<MeterRegistry> registry) {
        return () -> registry.ifAvailable(meters -> eventStore.registerDispatchInterceptor(messages -> (index, message) -> {
            if (message.getPayload() instanceof IpsEvent event) {
                Counter accepted = Counter.builder("ips.events.accepted").description("Events stored")
                        .tag("type", EventType.of(event).ceType()).tag("region", event.region().code()).register(meters);
                if (CurrentUnitOfWork.isStarted() && !TransactionSynchronizationManager.isSynchronizationActive()) {
                    CurrentUnitOfWork.get().afterCommit(unitOfWork -> accepted.increment());
                } else {
                    // A batch's command commits its unit of work long before the batch's transaction.
                    OnCommit.run(accepted::increment);
                }
            }
            return message;
        }));
    }

    /**
     * Read from the relay's tokens as stored, not from the segments this instance holds: a relay that
     * cannot reach Kafka releases its segments and takes them again and again, and meanwhile holds
     * none (it read 0, then NaN, for the minute Kafka was away). Every instance tells the same.
     */
    @Bean
    SmartInitializingSingleton relayLagGauge(EventStore eventStore, DataSource dataSource,
                                             @Qualifier("axonSerializer") Serializer serializer, ObjectProvider<MeterRegistry> registry) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return () -> registry.ifAvailable(meters -> Gauge.builder("ips.relay.lag", () -> relayLag(eventStore, jdbc, serializer))
                .description("Events stored but not yet relayed to Kafka").register(meters));
    }

    /**
     * The relay passes a number of the event sequence only once no transaction can fill it any more
     * (SettledGaps), and keeps it in every event it tracks meanwhile: the numbers it still waits for. Many
     * for long is a transaction left open on the event store's database (docs/operations.md).
     */
    @Bean
    SmartInitializingSingleton relayGapsGauge(EventProcessingConfiguration processing, SettledGaps settledGaps,
                                              ObjectProvider<MeterRegistry> registry) {
        return () -> registry.ifAvailable(meters -> Gauge.builder("ips.relay.gaps", () -> relayGaps(processing, settledGaps))
                .description("Numbers of the event sequence the relay waits for: taken by transactions still open")
                .register(meters));
    }

    private static double relayGaps(EventProcessingConfiguration processing, SettledGaps settledGaps) {
        // NaN in an instance holding none of the relay's segments, as for the lag.
        return processing.eventProcessor(RELAY, StreamingEventProcessor.class)
                .flatMap(relay -> relay.processingStatus().values().stream()
                        .map(status -> settledGaps.waitedFor(status.getTrackingToken()))
                        .max(Integer::compare))
                .map(Integer::doubleValue)
                .orElse(Double.NaN);
    }

    private static double relayLag(EventStore eventStore, JdbcTemplate jdbc, Serializer serializer) {
        OptionalLong head = position(eventStore.createHeadToken());
        if (head.isEmpty()) {
            return 0;
        }
        // A segment's token: null before it relayed anything (the sequence's numbers start at 1); one without a
        // position (a replay's start) tells nothing and is left out.
        List<Long> relayed = jdbc.query("SELECT " + TOKENS.tokenColumn() + ", " + TOKENS.tokenTypeColumn() + " FROM " + TOKENS.tokenTable()
                + " WHERE " + TOKENS.processorNameColumn() + " = ?", (row, i) -> {
            byte[] token = row.getBytes(1);
            return token == null ? OptionalLong.of(0) : position(serializer.deserialize(
                    new SimpleSerializedObject<>(token, byte[].class, row.getString(2), null)));
        }, RELAY).stream().filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).toList();
        // Unknown until the relay has first started (or where it is switched off).
        return relayed.isEmpty() ? Double.NaN : Math.max(0, head.getAsLong() - Collections.min(relayed));
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }
}
