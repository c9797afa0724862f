package fi.ips.importcli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * {@code ips-import FILE --region XX [--dry-run]}: uploads a county's import file through the
 * gateway, shows progress while the rows are submitted, prints the report and tells by its exit
 * code how it went.
 */
public final class ImportCommand {

    /** Every row stored. */
    static final int ALL_STORED = 0;
    /** The import completed, but some rows were refused (the report names them); the rest are stored. */
    static final int SOME_REFUSED = 1;
    /** Nothing was imported: the file was refused as a whole, or the import stopped (the report says why). */
    static final int NOT_IMPORTED = 2;
    /** The import could not be run: wrong arguments, no such file, platform unreachable or credentials refused. */
    static final int COULD_NOT_RUN = 3;

    private static final String USAGE = """
            Usage: ips-import FILE --region XX [--dry-run] [--gateway URL] [--token-url URL]
                              [--client-id ID] [--client-secret SECRET]

              FILE             a CSV (UTF-8, comma or semicolon separated) or Excel (.xlsx) file of journey
                               rows, as docs/import-template.csv
              --region XX      the county the rows belong to (two-digit code, e.g. 14)
              --dry-run        check every row against the file's rules and report, store nothing
              --gateway URL    the platform's gateway (default $IPS_GATEWAY_URL or http://localhost:8080)
              --token-url URL  the identity provider's token endpoint
                               (default $IPS_TOKEN_URL or http://localhost:9000/oauth2/token)
              --client-id, --client-secret
                               the county's API credentials (default $IPS_CLIENT_ID and $IPS_CLIENT_SECRET;
                               without them, the local platform's demo credentials region-XX)

            Exit codes: 0 every row stored, 1 some rows refused (the rest stored),
                        2 nothing imported (file refused or import stopped), 3 could not run.
            """;
    private static final int PROBLEMS_LISTED = 20;
    /** An import's states before it is done (a queued one waits for the imports before it). */
    private static final Set<String> UNDER_WAY = Set.of("RECEIVING", "QUEUED", "SUBMITTING");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param terminal whether {@code err} is a terminal (a redrawn progress bar) or a log (a line per tenth) */
    public ImportCommand(PrintStream out, PrintStream err, boolean terminal, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(new ImportCommand(System.out, System.err, System.console() != null, System.getenv()).run(args));
    }

    /** Runs the command; returns the exit code. */
    public int run(String... args) {
        Options options;
        try {
            options = Options.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return COULD_NOT_RUN;
        }
        if (options == null) {
            out.print(USAGE);
            return ALL_STORED;
        }
        if (!Files.isReadable(options.file())) {
            err.println("Cannot read " + options.file());
            return COULD_NOT_RUN;
        }
        if (options.demoCredentials()) {
            err.println("Using the local platform's demo credentials " + options.clientId() + " (set IPS_CLIENT_ID and IPS_CLIENT_SECRET otherwise)");
        }
        try {
            String token = token(options);
            JsonNode report = upload(options, token);
            if (report == null) {
                return NOT_IMPORTED;
            }
            report = follow(options, report);
            return summarise(report);
        } catch (CouldNotRun e) {
            err.println(e.getMessage());
            return COULD_NOT_RUN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return COULD_NOT_RUN;
        }
    }

    private String token(Options options) throws InterruptedException {
        String basic = Base64.getEncoder().encodeToString((options.clientId() + ":" + options.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(options.tokenUrl())
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), options.tokenUrl());
        if (response.statusCode() != 200) {
            throw new CouldNotRun("The identity provider refused the credentials of " + options.clientId() + " (" + response.statusCode() + ")");
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    /** The report, or null when the file was refused as a whole (the problem is printed). */
    private JsonNode upload(Options options, String token) throws InterruptedException {
        long size;
        try {
            size = Files.size(options.file());
        } catch (IOException e) {
            throw new CouldNotRun("Cannot read " + options.file() + ": " + e.getMessage());
        }
        ProgressBar bar = new ProgressBar(err, terminal, "Uploading");
        URI uri = URI.create(options.gateway() + "/api/v1/imports?region=" + URLEncoder.encode(options.region(), StandardCharsets.UTF_8)
                + (options.dryRun() ? "&dryRun=true" : ""));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", options.file().toString().toLowerCase().endsWith(".xlsx")
                        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> counting(options.file(), size, bar)), size))
                .build();
        HttpResponse<String> response = send(request, uri);
        bar.finish();
        JsonNode body = JSON.readTree(response.body().isBlank() ? "{}" : response.body());
        if (response.statusCode() == 201 || response.statusCode() == 202) {
            // Followed through the gateway, whatever the Location says: the service behind it may not be reachable.
            return withLocation(body, options.gateway() + "/api/v1/imports/" + body.path("id").asString());
        }
        if (response.statusCode() == 401 || response.statusCode() == 403 || response.statusCode() >= 500) {
            throw new CouldNotRun("The platform answered " + response.statusCode() + ": " + body.path("detail").asString(response.body()));
        }
        err.println("The file was refused: " + body.path("detail").asString("status " + response.statusCode()));
        for (JsonNode error : body.path("errors")) {
            err.println("  " + error.path("field").asString() + " (" + error.path("rule").asString() + "): " + error.path("message").asString());
        }
        return null;
    }

    /** Polls a running import until it is done, re-authenticating when the token expires. */
    private JsonNode follow(Options options, JsonNode report) throws InterruptedException {
        String location = report.path("location").asString();
        ProgressBar bar = new ProgressBar(err, terminal, options.dryRun() ? "Checking" : "Importing");
        String token = null;
        String waitingFor = null;
        while (UNDER_WAY.contains(report.path("status").asString())) {
            // Said each time it changes: an import held up by a service that is down, or queued behind others.
            String waiting = report.path("waitingFor").asString(null);
            if (waiting != null && !waiting.equals(waitingFor)) {
                String since = report.path("waitingSince").asString(null);
                bar.note("Waiting for " + waiting + (since == null ? "" : " (since " + since + ")"));
            } else if (waiting == null && waitingFor != null) {
                bar.note("Going on");
            }
            waitingFor = waiting;
            bar.show(report.path("processed").asLong(), report.path("rows").asLong(), "rows");
            Thread.sleep(1000);
            URI uri = URI.create(location);
            token = token == null ? token(options) : token;
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build(), uri);
            if (response.statusCode() == 401) {
                token = null;
                continue;
            }
            if (response.statusCode() != 200) {
                throw new CouldNotRun("Following the import at " + location + " failed: " + response.statusCode());
            }
            report = withLocation(JSON.readTree(response.body()), location);
        }
        bar.show(report.path("processed").asLong(), report.path("rows").asLong(), "rows");
        bar.finish();
        return report;
    }

    private int summarise(JsonNode report) {
        boolean dryRun = report.path("dryRun").asBoolean();
        long storedBefore = report.path("alreadyStored").asLong();
        out.printf("%s %s: %,d rows, %,d %s%s, %,d refused%n", dryRun ? "Dry run" : "Import", report.path("status").asString(),
                report.path("rows").asLong(), report.path("accepted").asLong(), dryRun ? "pass the checks" : "stored",
                storedBefore > 0 ? " (%,d of them already before)".formatted(storedBefore) : "", report.path("refused").asLong());
        if (dryRun && report.path("status").asString().equals("COMPLETED")) {
            // A passing dry run is no promise: what is stored already (another region's ids, the clients' dates) it cannot see.
            out.println("  (checked against the file's rules; the import itself also checks each row against what is stored)");
        }
        int listed = 0;
        for (JsonNode problem : report.path("problems")) {
            if (listed++ == PROBLEMS_LISTED) {
                break;
            }
            out.printf("  row %-7d %-14s %-26s %s%n", problem.path("row").asLong(), problem.path("field").asString(""),
                    problem.path("rule").asString(), problem.path("message").asString());
        }
        long unlisted = report.path("refused").asLong() > 0
                ? report.path("problems").size() + report.path("moreProblems").asLong() - Math.min(listed, PROBLEMS_LISTED) : 0;
        if (unlisted > 0) {
            out.printf("  ... and %,d more problems: GET %s%n", unlisted, report.path("location").asString());
        }
        out.println("Report: " + report.path("location").asString());
        if (report.path("status").asString().equals("FAILED")) {
            out.println("The import stopped: " + report.path("failure").asString());
            return NOT_IMPORTED;
        }
        return report.path("refused").asLong() == 0 ? ALL_STORED : SOME_REFUSED;
    }

    /** The report with where it can be read again. */
    private static JsonNode withLocation(JsonNode report, String location) {
        return ((ObjectNode) report).put("location", location);
    }

    private HttpResponse<String> send(HttpRequest request, URI uri) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CouldNotRun("Cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + " (" + e.getClass().getSimpleName()
                    + "): is the platform running? Start it with ./platform, or give --gateway / --token-url");
        }
    }

    private static InputStream counting(Path file, long size, ProgressBar bar) {
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                private long sent;

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int read = super.read(buffer, offset, length);
                    if (read > 0) {
                        sent += read;
                        // Rounded up, so that a file of under 1 KiB, sent, shows 1/1 KiB and not 0/1.
                        bar.show((sent + 1023) / 1024, Math.max(1, (size + 1023) / 1024), "KiB");
                    }
                    return read;
                }
            };
        } catch (IOException e) {
            throw new CouldNotRun("Cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Why the command could not run at all. */
    static final class CouldNotRun extends RuntimeException {
        CouldNotRun(String message) {
            super(message);
        }
    }
}
