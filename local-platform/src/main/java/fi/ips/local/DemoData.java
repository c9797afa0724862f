package fi.ips.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Demo data that tells THL's story: the five pilot counties with 401 clients with a signed
 * agreement and 133 of them employed by the end of April 2022 (33 %), and what came after. Loaded
 * through the gateway's public API with each county's demo credentials, as a county's system
 * would. Loading again stores nothing new: every submission is the same as before.
 */
public final class DemoData {

    /** A made-up client journey: its referral, agreement and job. */
    record Journey(String clientId, String region, LocalDate referredOn, LocalDate signedOn, String jobType, LocalDate jobStartedOn) {
    }

    static final LocalDate END_OF_APRIL_2022 = LocalDate.of(2022, 4, 30);
    /** Etelä-Pohjanmaa, Lappi, Pohjois-Karjala, Uusimaa (HUS: here Keski-Uusimaa) and Helsinki. */
    private static final String[] PILOTS = {"16", "21", "14", "02", "90"};
    private static final int[] AGREEMENTS = {92, 78, 85, 70, 76};
    private static final int[] EMPLOYED = {31, 25, 29, 22, 26};
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private DemoData() {
    }

    /** The journeys: by THL's April 2022 figures, plus referrals waiting for an agreement and later clients. */
    static List<Journey> journeys() {
        Random random = new Random(2022);
        List<Journey> journeys = new ArrayList<>();
        for (int r = 0; r < PILOTS.length; r++) {
            String region = PILOTS[r];
            for (int n = 0; n < AGREEMENTS[r]; n++) {
                LocalDate signed = LocalDate.of(2020, 9, 1).plusDays(random.nextInt(600));
                LocalDate referred = signed.minusDays(random.nextInt(40));
                String id = "demo-" + region + "-" + n;
                if (n < EMPLOYED[r]) {
                    long room = END_OF_APRIL_2022.toEpochDay() - signed.toEpochDay();
                    journeys.add(new Journey(id, region, referred, signed, n % 3 == 0 ? "PAID_SUPPORTED" : "PAID_OPEN_MARKET",
                            signed.plusDays(random.nextLong(room + 1))));
                } else if (n % 4 == 0) {
                    journeys.add(new Journey(id, region, referred, signed, "WORK_TRIAL", signed.plusDays(random.nextInt(60))));
                } else if (n % 4 == 1) {
                    journeys.add(new Journey(id, region, referred, signed, "PAID_OPEN_MARKET", END_OF_APRIL_2022.plusDays(1 + random.nextInt(120))));
                } else {
                    journeys.add(new Journey(id, region, referred, signed, null, null));
                }
            }
            for (int n = 0; n < 12; n++) {
                journeys.add(new Journey("demo-" + region + "-waiting-" + n, region, END_OF_APRIL_2022.minusDays(random.nextInt(60)), null, null, null));
                LocalDate later = LocalDate.of(2022, 5, 2).plusDays(random.nextInt(300));
                journeys.add(new Journey("demo-" + region + "-later-" + n, region, later.minusDays(10), later,
                        n % 2 == 0 ? "PAID_OPEN_MARKET" : null, n % 2 == 0 ? later.plusDays(30 + random.nextInt(60)) : null));
            }
        }
        return journeys;
    }

    /** Submits every journey through the gateway; prints progress. */
    public static void load(String gatewayUrl, String authUrl, PrintStream out) {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> tokens = new ConcurrentHashMap<>();
        List<Journey> journeys = journeys();
        AtomicInteger done = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> submissions = new ArrayList<>();
            for (Journey journey : journeys) {
                submissions.add(callers.submit(() -> {
                    String token = tokens.computeIfAbsent(journey.region(), region -> token(http, authUrl, region));
                    submit(http, gatewayUrl, token, journey);
                    int count = done.incrementAndGet();
                    if (count % 100 == 0 || count == journeys.size()) {
                        out.printf("  demo data: %d of %d clients%n", count, journeys.size());
                    }
                    return null;
                }));
            }
            for (Future<?> submission : submissions) {
                submission.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("loading the demo data failed: " + e.getMessage(), e);
        } finally {
            callers.shutdown();
        }
        out.println("Demo data loaded: five pilot counties, 401 agreements and 133 employed by 2022-04-30 (33 %).");
    }

    private static void submit(HttpClient http, String gatewayUrl, String token, Journey j) throws IOException, InterruptedException {
        post(http, gatewayUrl + "/api/v1/referrals", token, "{\"clientId\":\"%s\",\"region\":\"%s\",\"referredOn\":\"%s\",\"source\":\"PSYCHIATRIC_OUTPATIENT_CARE\"}"
                .formatted(j.clientId(), j.region(), j.referredOn()));
        if (j.signedOn() != null) {
            post(http, gatewayUrl + "/api/v1/referrals/" + j.clientId() + "/agreement", token, "{\"signedOn\":\"%s\"}".formatted(j.signedOn()));
        }
        if (j.jobType() != null) {
            post(http, gatewayUrl + "/api/v1/jobs", token, "{\"jobId\":\"%s-job\",\"clientId\":\"%s\",\"startedOn\":\"%s\",\"jobType\":\"%s\"}"
                    .formatted(j.clientId(), j.clientId(), j.jobStartedOn(), j.jobType()));
        }
    }

    private static void post(HttpClient http, String url, String token, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("POST " + URI.create(url).getPath() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String token(HttpClient http, String authUrl, String region) {
        String client = "region-" + region;
        String basic = Base64.getEncoder().encodeToString((client + ":" + client + "-secret").getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(authUrl + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("no token for " + client + ": " + response.statusCode());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("no token for " + client, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
