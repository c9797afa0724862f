package fi.ips.support.relay;

import fi.ips.events.IpsEvent;
import fi.ips.support.kafka.CloudEventRecords;
import fi.ips.support.tracing.CorrelationId;
import fi.ips.support.tracing.TraceContexts;
import io.micrometer.tracing.Span;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Relays the events stored in the event store to Kafka: the event store is the outbox. It runs in
 * a streaming event processor (tokens in the database), so nothing is published that was not stored and nothing stored is
 * skipped. Sends are asynchronous and all of a batch's sends are awaited before the processor
 * stores its token: a failed send fails the batch, which is retried from the last stored token.
 * A retried event keeps its id ({@code ce_id}), so consumers recognise the duplicate. Each send
 * continues the trace of the request that caused the event ({@link TraceContexts}).
 */
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
class KafkaRelay {

    static final String PROCESSING_GROUP = "kafka-relay";
    private static final String PENDING_SENDS = KafkaRelay.class.getName() + ".pendingSends";

    private final KafkaTemplate<String, byte[]> kafka;
    private final URI source;
    private final long sendTimeoutMillis;
    private final TraceContexts traces;

    KafkaRelay(KafkaTemplate<String, byte[]> kafka, URI source, long sendTimeoutMillis, TraceContexts traces) {
        this.kafka = kafka;
        this.source = source;
        this.sendTimeoutMillis = sendTimeoutMillis;
        this.traces = traces;
    }

    @EventHandler
    void on(IpsEvent event, EventMessage<?> message) {
        Object correlationId = message.getMetaData().get(CorrelationId.METADATA_KEY);
        ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(event, message.getIdentifier(), message.getTimestamp(),
                source, correlationId == null ? null : correlationId.toString());
        Span span = traces.continueInto(message.getMetaData(), "relay " + record.topic(),
                (name, value) -> record.headers().remove(name).add(name, value.getBytes(StandardCharsets.UTF_8)));
        CompletableFuture<SendResult<String, byte[]>> send = kafka.send(record);
        if (span != null) {
            send.whenComplete((sent, failure) -> {
                if (failure != null) {
                    span.error(failure);
                }
                span.end();
            });
        }
        pendingSends().add(send);
    }

    /** Events of one subject (a client, a region's reviews) are relayed in order (one segment): Kafka keeps them in order too. */
    static Object sequenceOf(EventMessage<?> message) {
        return message.getPayload() instanceof IpsEvent event ? event.subject() : message.getIdentifier();
    }

    private List<CompletableFuture<SendResult<String, byte[]>>> pendingSends() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
            batch.onPrepareCommit(uow -> awaitAll(sends));
            return sends;
        });
    }

    private void awaitAll(List<CompletableFuture<SendResult<String, byte[]>>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayFailedException("interrupted while awaiting Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RelayFailedException("Kafka did not acknowledge " + sends.size() + " events; the batch is retried", e);
        }
    }

    /** Closes the producer when the service stops (Spring infers this destroy method). */
    void close() {
        kafka.getProducerFactory().reset();
    }

    static final class RelayFailedException extends RuntimeException {
        RelayFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
