package fi.ips.system;

import com.jayway.jsonpath.JsonPath;
import fi.ips.system.TraceCollector.ReceivedSpan;
import fi.ips.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static fi.ips.system.RunningPlatform.token;
import static fi.ips.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace from the caller through the gateway and referral-service, across Kafka (the record's
 * {@code traceparent} header) into outcomes-service's projection, as an OpenTelemetry collector
 * receives it over OTLP. Region 18, referred in 2025: no other test's figures change.
 */
class TracingIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void oneTraceRunsFromTheGatewayThroughTheServiceAndKafkaIntoTheProjection() throws InterruptedException {
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);
        HttpResponse<String> referred = RunningPlatform.send(HttpRequest.newBuilder(URI.create(RunningPlatform.gatewayUrl() + "/api/v1/referrals"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"region\":\"18\",\"referredOn\":\"2025-01-15\",\"source\":\"SELF_REFERRAL\"}")),
                token("region-18"));
        assertThat(referred.statusCode()).as(referred.body()).isEqualTo(201);
        String clientId = JsonPath.read(referred.body(), "$.clientId");

        List<ConsumerRecord<String, String>> onTopic = TopicReader.read("localhost:" + RunningPlatform.PORTS.kafka(), "ips.referrals.v1", clientId, 1);
        assertThat(header(onTopic.get(0), "traceparent")).as("the record continues the caller's trace").startsWith("00-" + traceId + "-");

        List<ReceivedSpan> spans = awaitSpan(traceId, "outcomes-service", "CONSUMER", Duration.ofSeconds(30));
        ReceivedSpan gateway = only(spans, "gateway", "SERVER");
        assertThat(gateway.parentSpanId()).as("the gateway continues the caller's span").isEqualTo(callerSpanId);
        ReceivedSpan service = only(spans, "referral-service", "SERVER");
        assertThat(service.parentSpanId()).as("referral-service's request hangs below the gateway's spans")
                .isIn(spanIds(spans, "gateway"));
        ReceivedSpan relay = only(spans, "referral-service", "PRODUCER");
        assertThat(relay.name()).isEqualTo("relay ips.referrals.v1");
        assertThat(relay.parentSpanId()).as("the relay, later and on another thread, continues the request's trace")
                .isIn(spanIds(spans, "referral-service"));
        assertThat(header(onTopic.get(0), "traceparent")).isEqualTo("00-" + traceId + "-" + relay.spanId() + "-01");
        ReceivedSpan projection = only(spans, "outcomes-service", "CONSUMER");
        assertThat(projection.parentSpanId()).as("the projection's span hangs below the relay's").isEqualTo(relay.spanId());
    }

    private static List<ReceivedSpan> awaitSpan(String traceId, String service, String kind, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ReceivedSpan> spans = TraceCollector.trace(traceId);
        while (spans.stream().noneMatch(span -> span.service().equals(service) && span.kind().endsWith(kind))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            spans = TraceCollector.trace(traceId);
        }
        return spans;
    }

    private static ReceivedSpan only(List<ReceivedSpan> spans, String service, String kind) {
        List<ReceivedSpan> matching = spans.stream()
                .filter(span -> span.service().equals(service) && span.kind().endsWith(kind)).toList();
        assertThat(matching).as("the " + kind + " span of " + service + " among " + spans).hasSize(1);
        return matching.get(0);
    }

    private static Set<String> spanIds(List<ReceivedSpan> spans, String service) {
        return spans.stream().filter(span -> span.service().equals(service)).map(ReceivedSpan::spanId).collect(Collectors.toSet());
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
