package fi.ips.outcomes.stream;

import fi.ips.events.EventType;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.support.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/v1/streams/events}: the events an integrator is granted, as Server-Sent Events.
 * A reconnect with {@code Last-Event-ID} continues exactly after the last event received;
 * {@code ?from=beginning} replays everything, {@code ?types=} keeps only the CloudEvents types named.
 */
@RestController
@RequestMapping("/api/v1/streams")
class EventStreamController {

    private final EventStreams streams;

    EventStreamController(EventStreams streams) {
        this.streams = streams;
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasAnyRole('INTEGRATOR', 'COORDINATOR')")
    SseEmitter events(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                      @RequestParam(required = false) String from,
                      @RequestParam(required = false) List<String> types) {
        EventStreams.Start start;
        if (from == null || from.equals("now")) {
            start = EventStreams.Start.NOW;
        } else if (from.equals("beginning")) {
            start = EventStreams.Start.BEGINNING;
        } else {
            throw RuleViolationException.unprocessable("allowed-values", "from", "from must be beginning or now");
        }
        Set<String> wanted = new LinkedHashSet<>(types == null ? List.of() : types);
        for (String type : wanted) {
            if (EventType.ofCeType(type).isEmpty()) {
                throw RuleViolationException.unprocessable("unknown-type", "types",
                        "types must be CloudEvents types of the contract, e.g. " + EventType.JOB_STARTED.ceType());
            }
        }
        StreamPosition resume = lastEventId == null ? null : StreamPosition.parse(lastEventId);
        return streams.subscribe(Caller.current(), resume, start, wanted);
    }
}
