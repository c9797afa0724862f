package fi.ips.placement.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.ips.events.EventType;
import fi.ips.events.JobStartedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * Job starts stored before schema version 2 (no revision, or revision 1) are read as version 2:
 * {@code fixedTerm} unknown (null). The aggregates, the relay and any replay then see one shape.
 */
@Component
class JobStartedUpcaster extends SingleEventUpcaster {

    private static final String TYPE = JobStartedEvent.class.getName();
    private static final SimpleSerializedType VERSION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        String revision = event.getType().getRevision();
        return event.getType().getName().equals(TYPE) && (revision == null || revision.equals("1"));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(VERSION_2, JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).put("schemaVersion", EventType.JOB_STARTED.schemaVersion());
            if (!upcast.has("fixedTerm")) {
                upcast.putNull("fixedTerm");
            }
            return upcast;
        });
    }
}
