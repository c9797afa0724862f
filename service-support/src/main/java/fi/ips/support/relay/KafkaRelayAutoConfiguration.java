package fi.ips.support.relay;

import fi.ips.support.tracing.TraceContexts;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Switches the relay on in every service that has an Axon event store (on a database). Its producer is idempotent
 * and waits for all in-sync replicas, whatever the service's other Kafka settings.
 */
@AutoConfiguration(afterName = "fi.ips.support.eventstore.AxonJdbcAutoConfiguration")
@ConditionalOnClass(EventStore.class)
@ConditionalOnBean(EventStorageEngine.class)
@ConditionalOnProperty(name = "ips.relay.enabled", matchIfMissing = true)
class KafkaRelayAutoConfiguration {

    /**
     * The relay's own producer, not a bean: the service's other Kafka settings stay Spring Boot's.
     * While the broker is away it fails fast (no 60 s block per send, no 2-minute delivery
     * timeout), so the batch is retried from its token soon after the broker is back.
     */
    @Bean
    KafkaRelay kafkaRelay(KafkaProperties kafkaProperties,
                          @Value("${ips.relay.source:/ips/${spring.application.name}}") URI source,
                          @Value("${ips.relay.send-timeout-ms:20000}") long sendTimeoutMillis,
                          TraceContexts traces) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(sendTimeoutMillis - 5_000, 10_000));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaRelay(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config)), source, sendTimeoutMillis, traces);
    }

    /**
     * A pooled streaming processor in batches of 100 over {@code ips.relay.segments} segments (set
     * when the relay first starts), each client's events in one segment, so that they reach Kafka in
     * the order they were stored, woken by new events ({@link WakeOnCommit}). An error stops the
     * batch so that it is retried, never skipped (the platform's default for event handlers: {@code AxonJdbcAutoConfiguration}).
     */
    @Bean
    ConfigurerModule kafkaRelayProcessor(@Value("${ips.relay.batch-size:100}") int batchSize,
                                         @Value("${ips.relay.segments:4}") int segments) {
        return configurer -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessor(KafkaRelay.PROCESSING_GROUP,
                        c -> new WakeOnCommit(c.eventStore()),
                        (c, builder) -> builder.initialSegmentCount(segments).batchSize(batchSize))
                .registerSequencingPolicy(KafkaRelay.PROCESSING_GROUP, c -> KafkaRelay::sequenceOf);
    }

    @Bean
    RelayBalancer relayBalancer(DataSource dataSource, EventProcessingConfiguration processing,
                                @Value("${ips.relay.balance-interval:5s}") Duration interval) {
        return new RelayBalancer(new JdbcTemplate(dataSource), processing,
                ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8), interval);
    }
}
