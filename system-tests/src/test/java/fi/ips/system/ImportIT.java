package fi.ips.system;

import com.jayway.jsonpath.JsonPath;
import fi.ips.importcli.ImportCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fi.ips.system.RunningPlatform.get;
import static fi.ips.system.RunningPlatform.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ips-import} against the running platform (Keski-Suomi, 15: no other test's region): the documented template, its rows in reverse
 * order plus a row that must be refused, goes in through the gateway, the import service and the
 * services' own rules; the same file again stores nothing new.
 */
class ImportIT {

    @TempDir
    Path dir;

    @Test
    void theTemplateImportsInAnyRowOrderAndImportingItAgainStoresNothingNew() throws IOException {
        String prefix = "imp-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("..", "docs", "import-template.csv")));
        String header = lines.remove(0);
        lines.add(prefix + "-3,JOB_STARTED,2022-04-01,,,,x-job,PAID_OPEN_MARKET,,,,,");
        Collections.reverse(lines);
        lines.add(0, header);
        Path file = Files.write(dir.resolve("history.csv"), lines.stream().map(line -> line.replace("example-", prefix + "-")).toList());
        long refusedRow = 2;

        Result first = importFile(file.toString(), "--region", "15");
        assertThat(first.exitCode()).as(first.out()).isEqualTo(1);
        assertThat(first.out()).contains("Import COMPLETED: 12 rows, 11 stored, 1 refused")
                .containsPattern("row " + refusedRow + " +clientId +client-without-agreement");
        String county = token("region-15");
        String client = get("/api/v1/referrals/" + prefix + "-1", county).body();
        assertThat((String) JsonPath.read(client, "$.status")).isEqualTo("ENDED");
        assertThat((List<?>) JsonPath.read(client, "$.history")).hasSize(3);
        String job = get("/api/v1/jobs/" + prefix + "-1-job-1", county).body();
        assertThat((String) JsonPath.read(job, "$.status")).isEqualTo("ENDED");
        assertThat((String) JsonPath.read(get("/api/v1/referrals/" + prefix + "-2", county).body(), "$.status")).isEqualTo("DECLINED");

        Result again = importFile(file.toString(), "--region", "15");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.out()).contains("11 stored (11 of them already before), 1 refused");
        assertThat(get("/api/v1/referrals/" + prefix + "-1", county).body()).isEqualTo(client);
        assertThat(get("/api/v1/jobs/" + prefix + "-1-job-1", county).body()).isEqualTo(job);
    }

    @Test
    void aDryRunReportsWithoutStoringAndABadFileIsRefusedAsAWhole() throws IOException {
        String client = "dry-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = Files.writeString(dir.resolve("dry.csv"), """
                clientId;event;date;source
                %s;REFERRED;1.3.2022;SELF_REFERRAL
                %s;AGREEMENT_SIGNED;31.2.2022;
                """.formatted(client, client));
        Result dryRun = importFile(file.toString(), "--region", "15", "--dry-run");
        assertThat(dryRun.exitCode()).isEqualTo(1);
        assertThat(dryRun.out()).contains("Dry run COMPLETED: 2 rows, 1 pass the checks, 1 refused").containsPattern("row 3 +date +date-format");
        assertThat(get("/api/v1/referrals/" + client, token("region-15")).statusCode()).isEqualTo(404);

        Path names = Files.writeString(dir.resolve("names.csv"), "clientId,event,date,name\nc-1,REFERRED,2022-03-01,Matti\n");
        Result refused = importFile(names.toString(), "--region", "15");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("header (unknown-column)").doesNotContain("Matti");
    }

    /**
     * A batch rolled back after storing events (an outage, a crash) leaves gaps in referral-service's
     * global event sequence. Every event tracked after them carried them all in its token: 3 000 took
     * its relay down within an import, and job starts were then refused for agreements that never
     * reached the placement service. The relay gives such gaps up once no transaction can fill them.
     */
    @Test
    void anImportAfterABatchRolledBackStoresEveryRow() throws Exception {
        RunningPlatform.gatewayUrl();
        try (Connection referrals = DriverManager.getConnection("jdbc:postgresql://localhost:" + RunningPlatform.PORTS.postgres() + "/referral",
                "postgres", "postgres"); Statement statement = referrals.createStatement()) {
            referrals.setAutoCommit(false);
            statement.execute("select nextval('domainevententry_globalindex_seq') from generate_series(1, 3000)");
            referrals.rollback();
        }
        String prefix = "gap-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = new ArrayList<>(List.of("clientId,event,date,source,placementId,jobType"));
        for (int i = 0; i < 1500; i++) {
            lines.add(prefix + "-" + i + ",REFERRED,2023-03-01,PSYCHIATRIC_OUTPATIENT_CARE,,");
            lines.add(prefix + "-" + i + ",AGREEMENT_SIGNED,2023-03-15,,,");
            lines.add(prefix + "-" + i + ",JOB_STARTED,2023-05-02,," + prefix + "-" + i + "-job,PAID_OPEN_MARKET");
        }
        Path file = Files.write(dir.resolve("gaps.csv"), lines);

        Result result = importFile(file.toString(), "--region", "15");

        assertThat(result.out()).contains("Import COMPLETED: 4,500 rows, 4,500 stored");
        assertThat(result.exitCode()).isZero();
        // The relay's tokens move on with the events it reads: one more, after the import, for it to read.
        assertThat(RunningPlatform.post("/api/v1/referrals", token("region-15"), """
                {"clientId":"%s-after","region":"15","referredOn":"2023-03-01","source":"SELF_REFERRAL"}""".formatted(prefix))
                .statusCode()).isEqualTo(201);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (relayGaps() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(relayGaps()).as("sequence numbers referral-service's relay still waits for").isZero();
    }

    /** referral-service's {@code ips_relay_gaps}, read from its own metrics endpoint. */
    private static double relayGaps() {
        String metrics = RunningPlatform.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RunningPlatform.PORTS.referral() + "/actuator/prometheus")).GET(), null).body();
        return metrics.lines().filter(line -> line.startsWith("ips_relay_gaps"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
    }

    @Test
    void aCountyImportsOnlyForItsOwnRegion() {
        Result result = importFile("../docs/import-template.csv", "--region", "16", "--client-id", "region-14",
                "--client-secret", "region-14-secret");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("403", "region(s) 14");
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result importFile(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ImportCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, Map.of("IPS_GATEWAY_URL", RunningPlatform.gatewayUrl(),
                "IPS_TOKEN_URL", RunningPlatform.authUrl() + "/oauth2/token")).run(args);
        System.out.print(out);
        System.out.print(err);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
