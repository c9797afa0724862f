package fi.ips.importcli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command against a stand-in for the gateway and the identity provider. */
class ImportCommandTest {

    private static final String DONE = """
            {"id":"i-1","status":"COMPLETED","dryRun":false,"rows":3,"processed":3,"accepted":%d,"refused":%d,
             "problems":[%s],"moreProblems":0}""";

    private HttpServer platform;
    private final Deque<String> reports = new ArrayDeque<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String uploaded;
    private String uploadQuery;
    private String uploadType;
    private int uploadStatus;
    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void startPlatform() throws IOException {
        file = Files.writeString(dir.resolve("history.csv"), "clientId,event,date\nc-1,REFERRED,2022-03-01\n");
        platform = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        platform.createContext("/oauth2/token", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            boolean valid = auth != null && auth.equals("Basic " + java.util.Base64.getEncoder()
                    .encodeToString("region-14:region-14-secret".getBytes(StandardCharsets.UTF_8)));
            answer(exchange, valid ? 200 : 401, valid ? "{\"access_token\":\"t-1\"}" : "{}");
        });
        platform.createContext("/api/v1/imports", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                uploaded = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                uploadQuery = exchange.getRequestURI().getQuery();
                uploadType = exchange.getRequestHeaders().getFirst("Content-Type");
                exchange.getResponseHeaders().add("Location", url() + "/api/v1/imports/i-1");
                answer(exchange, uploadStatus, reports.poll());
            } else {
                answer(exchange, 200, reports.poll());
            }
        });
        platform.start();
    }

    @AfterEach
    void stopPlatform() {
        platform.stop(0);
    }

    @Test
    void everyRowStoredExitsZeroAfterUploadingTheFileAsCsv() {
        uploadStatus = 201;
        reports.add(DONE.formatted(3, 0, ""));
        assertThat(run(file.toString(), "--region", "14")).isEqualTo(0);
        assertThat(uploaded).isEqualTo("clientId,event,date\nc-1,REFERRED,2022-03-01\n");
        assertThat(uploadQuery).isEqualTo("region=14");
        assertThat(uploadType).isEqualTo("text/csv");
        assertThat(err.toString()).contains("Uploading 100 % (1/1 KiB)");
        assertThat(out.toString()).contains("Import COMPLETED: 3 rows, 3 stored, 0 refused");
    }

    @Test
    void aDryRunSaysItCheckedTheFilesRulesOnly() {
        uploadStatus = 201;
        reports.add(DONE.formatted(3, 0, "").replace("\"dryRun\":false", "\"dryRun\":true"));
        assertThat(run(file.toString(), "--region", "14", "--dry-run")).isEqualTo(0);
        assertThat(out.toString()).contains("Dry run COMPLETED: 3 rows, 3 pass the checks, 0 refused",
                "the import itself also checks each row against what is stored");
    }

    @Test
    void aFileImportedAgainSaysItsRowsWereStoredBefore() {
        uploadStatus = 201;
        reports.add("""
                {"id":"i-1","status":"COMPLETED","dryRun":false,"rows":3,"processed":3,"accepted":3,"alreadyStored":2,"refused":0,"problems":[]}""");
        assertThat(run(file.toString(), "--region", "14")).isEqualTo(0);
        assertThat(out.toString()).contains("Import COMPLETED: 3 rows, 3 stored (2 of them already before), 0 refused");
    }

    @Test
    void aLongImportIsFollowedWithProgressAndRefusedRowsExitOne() {
        uploadStatus = 202;
        reports.add("{\"status\":\"QUEUED\",\"rows\":3,\"processed\":0,\"waitingFor\":\"its turn, after 1 import queued before it\"}");
        reports.add("{\"status\":\"SUBMITTING\",\"rows\":3,\"processed\":0,\"waitingFor\":\"the referral service (/api/v1/referrals/batch), which is unavailable (503)\","
                + "\"waitingSince\":\"2026-12-07T19:50:00Z\"}");
        reports.add("{\"status\":\"SUBMITTING\",\"rows\":3,\"processed\":0,\"waitingFor\":\"the referral service (/api/v1/referrals/batch), which is unavailable (503)\","
                + "\"waitingSince\":\"2026-12-07T19:50:00Z\"}");
        reports.add("{\"status\":\"SUBMITTING\",\"rows\":3,\"processed\":2,\"waitingFor\":null}");
        reports.add(DONE.formatted(2, 1, "{\"row\":3,\"field\":\"date\",\"rule\":\"date-in-future\",\"message\":\"date must not be in the future\"}"));
        assertThat(run(file.toString(), "--region=14", "--dry-run")).isEqualTo(1);
        assertThat(uploadQuery).isEqualTo("region=14&dryRun=true");
        assertThat(err.toString()).contains("Checking 0 % (0/3 rows)", "Checking 60 % (2/3 rows)", "Checking 100 % (3/3 rows)")
                .contains("Waiting for its turn, after 1 import queued before it\n")
                .containsOnlyOnce("Waiting for the referral service (/api/v1/referrals/batch), which is unavailable (503) (since 2026-12-07T19:50:00Z)\n")
                .containsOnlyOnce("Going on\n");
        assertThat(out.toString()).contains("2 stored, 1 refused").containsPattern("row 3 +date +date-in-future +date must not be in the future");
    }

    @Test
    void aFileRefusedAsAWholeExitsTwoNamingTheRule() {
        uploadStatus = 422;
        reports.add("""
                {"detail":"The header has no column event","errors":[{"field":"event","rule":"missing-column","message":"The header has no column event"}]}""");
        assertThat(run(file.toString(), "--region", "14")).isEqualTo(2);
        assertThat(err.toString()).contains("The file was refused: The header has no column event", "event (missing-column)");
    }

    @Test
    void anImportThatStoppedExitsTwoWithTheReason() {
        uploadStatus = 201;
        reports.add("{\"status\":\"FAILED\",\"rows\":3,\"processed\":0,\"accepted\":0,\"refused\":0,\"failure\":\"the services refused the import service\",\"problems\":[]}");
        assertThat(run(file.toString(), "--region", "14")).isEqualTo(2);
        assertThat(out.toString()).contains("The import stopped: the services refused the import service");
    }

    @Test
    void refusedCredentialsAndAnUnreachablePlatformExitThree() throws IOException {
        assertThat(run(file.toString(), "--region", "14", "--client-id", "region-14", "--client-secret", "wrong")).isEqualTo(3);
        assertThat(err.toString()).contains("refused the credentials of region-14");
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(run(file.toString(), "--region", "14", "--token-url", "http://localhost:" + closed + "/oauth2/token")).isEqualTo(3);
        assertThat(err.toString()).contains("is the platform running?");
    }

    @Test
    void wrongArgumentsExitThreeWithTheUsage() {
        assertThat(run(file.toString())).isEqualTo(3);
        assertThat(err.toString()).contains("--region XX is required", "Exit codes:");
        assertThat(run(dir.resolve("missing.csv").toString(), "--region", "14")).isEqualTo(3);
        assertThat(err.toString()).contains("Cannot read");
    }

    private int run(String... args) {
        ImportCommand command = new ImportCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false,
                Map.of("IPS_GATEWAY_URL", url(), "IPS_TOKEN_URL", url() + "/oauth2/token"));
        return command.run(args);
    }

    private String url() {
        return "http://localhost:" + platform.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
