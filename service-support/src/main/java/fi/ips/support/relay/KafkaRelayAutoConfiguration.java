package fi.ips.support.relay;

import fi.ips.support.tracing.TraceContexts;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
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
import org.springframework.kafka.core.KafkaTemplate;

import java.net.URI;
import java.util.Map;

/**
 * Switches the relay on in every service that has an Axon event store (on a database). Its producer is idempotent
 * and waits for all in-sync replicas, whatever the service's other Kafka settings.
 */
@AutoConfiguration(afterName = "fi.ips.support.eventstore.AxonJdbcAutoConfiguration")
@ConditionalOnClass(EventStore.class)
@ConditionalOnBean(EventStorageEngine.class)
@ConditionalOnProperty(name = "ips.relay.enabled", matchIfMissing = true)
class KafkaRelayAutoConfiguration {

    /** The relay's own producer, not a bean: the service's other Kafka settings stay Spring Boot's. */
    @Bean
    KafkaRelay kafkaRelay(KafkaProperties kafkaProperties,
                          @Value("${ips.relay.source:/ips/${spring.application.name}}") URI source,
                          @Value("${ips.relay.send-timeout-ms:30000}") long sendTimeoutMillis,
                          TraceContexts traces) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaRelay(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config)), source, sendTimeoutMillis, traces);
    }

    /** A tracking processor in batches of 100; an error stops the batch so that it is retried, never skipped. */
    @Bean
    ConfigurerModule kafkaRelayProcessor(@Value("${ips.relay.batch-size:100}") int batchSize) {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(KafkaRelay.PROCESSING_GROUP,
                        c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize))
                .registerListenerInvocationErrorHandler(KafkaRelay.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
