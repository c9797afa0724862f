package fi.ips.support.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Carries a trace across the event store. An event is sent to Kafka later, from the relay's own
 * thread, so the request's trace context (W3C {@code traceparent}) travels in the command's and
 * then the events' metadata; the relay continues that trace in a span of its own and writes it
 * into the record's headers, where the consumers' listeners pick it up.
 */
public final class TraceContexts {

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceContexts(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The metadata keys the context is kept under (the propagation fields: traceparent, tracestate). */
    public List<String> fields() {
        return propagator.fields();
    }

    /** The current trace context as metadata, or nothing outside a trace. */
    public Map<String, String> current() {
        TraceContext context = tracer.currentTraceContext().context();
        Map<String, String> fields = new HashMap<>();
        if (context != null) {
            propagator.inject(context, fields, Map::put);
        }
        return fields;
    }

    /**
     * Starts a producer span that continues the trace stored in {@code metadata} and hands its
     * context to {@code header} (name, value), for the outgoing message; null (and nothing handed
     * on) when the metadata holds no trace.
     */
    public Span continueInto(Map<String, ?> metadata, String name, BiConsumer<String, String> header) {
        if (fields().stream().noneMatch(metadata::containsKey)) {
            return null;
        }
        Span span = propagator.extract(metadata, (carrier, key) -> {
                    Object value = carrier.get(key);
                    return value == null ? null : value.toString();
                })
                .name(name)
                .kind(Span.Kind.PRODUCER)
                .start();
        propagator.inject(span.context(), header, BiConsumer::accept);
        return span;
    }
}
