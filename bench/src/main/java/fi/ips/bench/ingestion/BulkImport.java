package fi.ips.bench.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.ips.bench.platform.Gateway;
import fi.ips.bench.platform.Http;

import java.time.Duration;

/**
 * Bulk ingestion through the import path: one CSV file of synthetic clients (a referral, an agreement
 * and a paid job each: three events) uploaded through the gateway, timed from the upload to the
 * import's report saying every row is done.
 */
public final class BulkImport {

    /**
     * @param accepted rows stored (one event each)
     * @param status   the import's final status, or why it could not be followed
     */
    public record Result(String region, int rows, long accepted, long refused, String status, Duration elapsed) {

        public double eventsPerSecond() {
            return accepted / (elapsed.toNanos() / 1e9);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(500);

    private final Gateway gateway;

    public BulkImport(Gateway gateway) {
        this.gateway = gateway;
    }

    public Result run(String region, int clients, Duration timeout) throws Exception {
        StringBuilder csv = new StringBuilder("clientId,event,date,source,placementId,jobType\n");
        for (int i = 0; i < clients; i++) {
            String client = "bb-" + gateway.runId() + "-n" + i;
            csv.append(client).append(",REFERRED,2023-03-01,PSYCHIATRIC_OUTPATIENT_CARE,,\n");
            csv.append(client).append(",AGREEMENT_SIGNED,2023-03-15,,,\n");
            csv.append(client).append(",JOB_STARTED,2023-05-02,,").append(client).append("-job,PAID_OPEN_MARKET\n");
        }
        int rows = clients * 3;
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Http.Response upload = gateway.http().post(gateway.url() + "/api/v1/imports?region=" + region, gateway.tokens().region(region), "text/csv", csv.toString());
        if (!upload.ok()) {
            return new Result(region, rows, 0, 0, "upload refused: " + upload.errorKind() + " " + upload.body(), elapsed(start));
        }
        JsonNode report = JSON.readTree(upload.body());
        String id = report.get("id").asText();
        while (!done(report) && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            Http.Response progress = gateway.http().get(gateway.url() + "/api/v1/imports/" + id, gateway.tokens().region(region));
            if (progress.ok()) {
                report = JSON.readTree(progress.body());
            }
        }
        String status = done(report) ? report.get("status").asText() : "timed out after " + timeout.toSeconds() + " s";
        return new Result(region, rows, report.path("accepted").asLong(), report.path("refused").asLong(), status, elapsed(start));
    }

    private static boolean done(JsonNode report) {
        String status = report.path("status").asText();
        return status.equals("COMPLETED") || status.equals("FAILED");
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
