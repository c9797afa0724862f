package fi.ips.bench.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.ips.bench.platform.Http;

import java.time.Duration;
import java.time.Instant;

/**
 * Rebuilds the read models as an operator does (docs/operations.md, deploy/rebuild-read-models.sh):
 * {@code POST /actuator/rebuild} on outcomes-service itself (the gateway does not route it) with a
 * coordinator's token, then its status until done. The rate is taken from the service's own start
 * and finish times, less the fixed pause it makes first for every instance to notice the rebuild.
 */
public final class Rebuild {

    /** @param state DONE, FAILED, or why it could not be followed */
    public record Result(String state, long replayed, Duration elapsed) {

        public double eventsPerSecond() {
            return replayed / (elapsed.toNanos() / 1e9);
        }
    }

    /** ProjectionRebuild.ANNOUNCE in outcomes-service: not replay time. */
    private static final Duration ANNOUNCE_PAUSE = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Rebuild() {
    }

    public static Result run(Http http, String outcomesUrl, String coordinatorToken, Duration timeout) throws Exception {
        Http.Response started = http.postJson(outcomesUrl + "/actuator/rebuild", coordinatorToken, "{}");
        if (!started.ok()) {
            return new Result("not started: " + started.errorKind() + " " + started.body(), 0, Duration.ZERO);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = JSON.readTree(started.body());
        while (status.path("state").asText().equals("RUNNING") && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            Http.Response poll = http.get(outcomesUrl + "/actuator/rebuild", coordinatorToken);
            if (poll.ok()) {
                status = JSON.readTree(poll.body());
            }
        }
        String state = status.path("state").asText();
        if (state.equals("RUNNING")) {
            return new Result("still running after " + timeout.toSeconds() + " s", status.path("replayed").asLong(), timeout);
        }
        Duration elapsed = Duration.between(Instant.parse(status.get("startedAt").asText()), Instant.parse(status.get("finishedAt").asText()))
                .minus(ANNOUNCE_PAUSE);
        return new Result(state, status.path("replayed").asLong(), elapsed);
    }
}
