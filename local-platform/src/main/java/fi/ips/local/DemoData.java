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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Demo data that tells the story of THL's reports and the counties' own pages: the five pilot
 * counties from 2020, with 401 clients with a signed agreement and 133 of them employed by the end
 * of April 2022 (33 %), the first paid job on average about 3.2 months after the agreement and
 * over two thirds of the jobs in the open labour market; then the queue, the later clients, and
 * Keski-Pohjanmaa (Soite), whose first clients began in April 2023 and whose fidelity review of
 * March 2024 scored 108. Jobs and services end, and now and then a job entered by mistake is voided. Loaded through the gateway's public API with each
 * county's demo credentials, as a county's system would. The journeys come from a fixed seed and
 * fixed dates, so loading again submits the same and stores nothing new.
 */
public final class DemoData {

    /**
     * A made-up client journey: referral, agreement, jobs and the end of the service.
     *
     * @param source   a ReferralSource name
     * @param signedOn null while the referral waits for an agreement
     * @param end      null while the service goes on
     */
    record Journey(String clientId, String region, LocalDate referredOn, String source, LocalDate signedOn,
                   List<Job> jobs, ServiceEnd end) {
    }

    /**
     * A job of a client.
     *
     * @param type      a JobType name
     * @param endedOn   null while it goes on
     * @param endReason a JobEndReason name; null while it goes on
     * @param voided    entered by mistake, then voided: it counts nowhere
     */
    record Job(String jobId, String type, LocalDate startedOn, LocalDate endedOn, String endReason, boolean voided) {

        /** Paid work, what IPS counts as employment. */
        boolean paid() {
            return type.startsWith("PAID_");
        }
    }

    /** @param reason a ServiceEndReason name */
    record ServiceEnd(LocalDate on, String reason) {
    }

    /** A county's fidelity review on the IPS-25 scale (laatuarviointi): the total only. */
    record FidelityReview(String region, LocalDate reviewedOn, int score) {
    }

    /** Keski-Pohjanmaa's first review, March 2024: 108, good fidelity (its source gives the month; the day is made up). */
    static final List<FidelityReview> FIDELITY_REVIEWS = List.of(new FidelityReview("18", LocalDate.of(2024, 3, 15), 108));

    static final LocalDate END_OF_APRIL_2022 = LocalDate.of(2022, 4, 30);
    /** Where the story stops: a fixed date, not today, so that every load submits the same. */
    private static final LocalDate STORY_ENDS = LocalDate.of(2026, 10, 31);
    /** The pilots' first agreements. */
    private static final LocalDate PILOTS_START = LocalDate.of(2020, 9, 1);
    /** Etelä-Pohjanmaa, Lappi, Pohjois-Karjala, Uusimaa (HUS: here Keski-Uusimaa) and Helsinki. */
    private static final String[] PILOTS = {"16", "21", "14", "02", "90"};
    /** Per pilot: clients with a signed agreement, and of them employed, by the end of April 2022. */
    private static final int[] AGREEMENTS = {92, 78, 85, 70, 76};
    private static final int[] EMPLOYED = {31, 25, 29, 22, 26};
    /** Keski-Pohjanmaa (Soite): the project began in March 2023, its first clients in April 2023. */
    private static final String KESKI_POHJANMAA = "18";
    private static final LocalDate KESKI_POHJANMAA_START = LocalDate.of(2023, 4, 3);
    /** Mostly psychiatric nurses, then mental-health social work, some clients themselves. */
    private static final String[] SOURCES = {"PSYCHIATRIC_OUTPATIENT_CARE", "PSYCHIATRIC_OUTPATIENT_CARE",
            "PSYCHIATRIC_OUTPATIENT_CARE", "PSYCHIATRIC_OUTPATIENT_CARE", "PSYCHIATRIC_OUTPATIENT_CARE",
            "MENTAL_HEALTH_SOCIAL_SERVICES", "MENTAL_HEALTH_SOCIAL_SERVICES", "SELF_REFERRAL", "OTHER"};
    private static final String[] UNPAID = {"WORK_TRIAL", "WORK_TRIAL", "WORK_TRIAL", "INTERNSHIP", "VOLUNTEER"};
    private static final String[] JOB_END_REASONS = {"CONTRACT_ENDED", "CONTRACT_ENDED", "CONTRACT_ENDED", "RESIGNED",
            "RESIGNED", "DISMISSED", "HEALTH", "HEALTH", "OTHER"};
    /** Why a service ends when the client is not working at its end. */
    private static final String[] OTHER_SERVICE_END_REASONS = {"CLIENT_DECISION", "CLIENT_DECISION", "NO_CONTACT",
            "MOVED_AWAY", "OTHER"};
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private DemoData() {
    }

    /** The journeys, the same every time (a fixed seed). */
    static List<Journey> journeys() {
        Random random = new Random(2022);
        List<Journey> journeys = new ArrayList<>();
        for (int r = 0; r < PILOTS.length; r++) {
            String region = PILOTS[r];
            // THL's end of April 2022: the first EMPLOYED[r] clients had a paid job by then, the others none
            // (some found one later); the agreement date leaves room for the job before the end of April.
            for (int n = 0; n < AGREEMENTS[r]; n++) {
                int toJob = daysToFirstJob(random);
                LocalDate signed;
                LocalDate firstJob = null;
                if (n < EMPLOYED[r]) {
                    signed = day(random, PILOTS_START, END_OF_APRIL_2022.minusDays(toJob));
                    firstJob = signed.plusDays(toJob);
                } else {
                    signed = day(random, PILOTS_START, END_OF_APRIL_2022);
                    if (signed.plusDays(toJob).isAfter(END_OF_APRIL_2022) && random.nextInt(3) > 0) {
                        firstJob = signed.plusDays(toJob);
                    }
                }
                journeys.add(client("demo-" + region + "-" + n, region, signed, firstJob, random));
            }
            // Demand exceeded capacity: a queue at the end of April 2022, its agreements signed from May on.
            for (int n = 0; n < 12; n++) {
                LocalDate referred = day(random, END_OF_APRIL_2022.minusDays(60), END_OF_APRIL_2022);
                LocalDate signed = day(random, END_OF_APRIL_2022.plusDays(1), END_OF_APRIL_2022.plusDays(100));
                journeys.add(agreed("demo-" + region + "-queue-" + n, region, referred, signed, maybeJob(signed, random), random));
            }
            for (int n = 0; n < 30; n++) {
                journeys.add(client("demo-" + region + "-later-" + n, region,
                        day(random, END_OF_APRIL_2022.plusDays(30), STORY_ENDS.minusDays(60)), random));
            }
            journeys.addAll(waiting("demo-" + region + "-waiting-", region, 5, random));
        }
        // Keski-Pohjanmaa joins: its first client referred in the first days of April 2023, signed two weeks later.
        LocalDate firstSigned = KESKI_POHJANMAA_START.plusDays(14);
        journeys.add(agreed("demo-" + KESKI_POHJANMAA + "-0", KESKI_POHJANMAA, KESKI_POHJANMAA_START, firstSigned,
                maybeJob(firstSigned, random), random));
        for (int n = 1; n < 40; n++) {
            journeys.add(client("demo-" + KESKI_POHJANMAA + "-" + n, KESKI_POHJANMAA,
                    day(random, KESKI_POHJANMAA_START, STORY_ENDS.minusDays(60)), random));
        }
        journeys.addAll(waiting("demo-" + KESKI_POHJANMAA + "-waiting-", KESKI_POHJANMAA, 4, random));
        return journeys;
    }

    /** A client referred on the date, who signed the agreement some days later and maybe found a job. */
    private static Journey client(String id, String region, LocalDate referred, Random random) {
        LocalDate signed = referred.plusDays(5 + random.nextInt(40));
        return agreed(id, region, referred, signed, maybeJob(signed, random), random);
    }

    /** A client signed on the date who was referred shortly before it. */
    private static Journey client(String id, String region, LocalDate signed, LocalDate firstPaidJob, Random random) {
        return agreed(id, region, signed.minusDays(3 + random.nextInt(50)), signed, firstPaidJob, random);
    }

    /** Referrals at the end of the story, still waiting for an agreement. */
    private static List<Journey> waiting(String prefix, String region, int count, Random random) {
        List<Journey> waiting = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            waiting.add(new Journey(prefix + n, region, day(random, STORY_ENDS.minusDays(45), STORY_ENDS), source(random), null, List.of(), null));
        }
        return waiting;
    }

    /** The start of a first paid job for a bit under half of the clients, else null. */
    private static LocalDate maybeJob(LocalDate signed, Random random) {
        int toJob = daysToFirstJob(random);
        return random.nextInt(100) < 45 ? signed.plusDays(toJob) : null;
    }

    /**
     * A client with an agreement: the first paid job (null: none) and maybe a second one, or else
     * maybe unpaid attachment; a job entered by mistake and voided now and then; and maybe the end
     * of the service, after everything else. Nothing after the end of the story.
     */
    private static Journey agreed(String id, String region, LocalDate referred, LocalDate signed, LocalDate firstPaidJob,
                                  Random random) {
        String source = source(random);
        List<Job> jobs = new ArrayList<>();
        if (firstPaidJob != null && !firstPaidJob.isAfter(STORY_ENDS)) {
            Job first = paidJob(id + "-job-1", firstPaidJob, random);
            jobs.add(first);
            if (first.endedOn() != null && random.nextInt(3) == 0) {
                LocalDate next = first.endedOn().plusDays(14 + random.nextInt(170));
                if (!next.isAfter(STORY_ENDS)) {
                    jobs.add(paidJob(id + "-job-2", next, random));
                }
            }
        } else if (random.nextInt(10) == 0) {
            LocalDate start = signed.plusDays(14 + random.nextInt(120));
            if (!start.isAfter(STORY_ENDS)) {
                jobs.add(unpaidJob(id + "-job-1", start, random));
            }
        }
        if (!jobs.isEmpty() && random.nextInt(jobs.get(0).paid() ? 30 : 4) == 0) {
            // A correction: the first job entered a second time, or unpaid work first entered as paid
            // open-market work; the wrong entry is voided, so it counts nowhere.
            jobs.add(new Job(id + "-job-x", "PAID_OPEN_MARKET", jobs.get(0).startedOn(), null, null, true));
        }
        ServiceEnd end = null;
        LocalDate last = jobs.stream().flatMap(j -> Stream.of(j.startedOn(), j.endedOn())).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(signed);
        LocalDate endsOn = last.plusDays(30 + random.nextInt(400));
        if (random.nextInt(10) < 7 && !endsOn.isAfter(STORY_ENDS)) {
            boolean working = jobs.stream().anyMatch(j -> j.paid() && !j.voided() && j.endedOn() == null);
            end = new ServiceEnd(endsOn, working ? "GOAL_ACHIEVED" : pick(OTHER_SERVICE_END_REASONS, random));
        }
        return new Journey(id, region, referred, source, signed, List.copyOf(jobs), end);
    }

    /** Mostly open-market work; about half of the jobs end within two years. */
    private static Job paidJob(String id, LocalDate start, Random random) {
        String type = random.nextInt(100) < 82 ? "PAID_OPEN_MARKET" : "PAID_SUPPORTED";
        LocalDate end = random.nextInt(100) < 55 ? start.plusDays(30 + random.nextInt(700)) : null;
        return ended(new Job(id, type, start, null, null, false), end, pick(JOB_END_REASONS, random));
    }

    /** Work trials and internships are for a fixed term; volunteer work may go on. */
    private static Job unpaidJob(String id, LocalDate start, Random random) {
        String type = pick(UNPAID, random);
        LocalDate end = type.equals("VOLUNTEER") && random.nextBoolean() ? null : start.plusDays(30 + random.nextInt(150));
        return ended(new Job(id, type, start, null, null, false), end, type.equals("VOLUNTEER") ? "OTHER" : "CONTRACT_ENDED");
    }

    /** The job, ended on the date unless that is after the end of the story. */
    private static Job ended(Job job, LocalDate end, String reason) {
        return end == null || end.isAfter(STORY_ENDS) ? job
                : new Job(job.jobId(), job.type(), job.startedOn(), end, reason, job.voided());
    }

    /** 14 to 182 days, most often 2-4 months: on average 97.5 days, 3.2 months (THL). */
    private static int daysToFirstJob(Random random) {
        return 14 + random.nextInt(60) + random.nextInt(110);
    }

    private static String source(Random random) {
        return pick(SOURCES, random);
    }

    private static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    /** A day from {@code from} to {@code to}, both included. */
    private static LocalDate day(Random random, LocalDate from, LocalDate to) {
        return from.plusDays(random.nextLong(to.toEpochDay() - from.toEpochDay() + 1));
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
            for (FidelityReview review : FIDELITY_REVIEWS) {
                send(http, "PUT", gatewayUrl + "/api/v1/fidelity-reviews/" + review.region() + "/" + review.reviewedOn(),
                        tokens.computeIfAbsent(review.region(), region -> token(http, authUrl, region)),
                        "{\"score\":%d}".formatted(review.score()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("loading the demo data failed: " + e.getMessage(), e);
        } finally {
            callers.shutdown();
        }
        out.println("Demo data loaded: five pilot counties, 401 agreements and 133 employed by 2022-04-30 (33 %), "
                + "their later clients, and Keski-Pohjanmaa from April 2023 with its fidelity review of March 2024 (108).");
    }

    /** A county's system would submit the same: the referral, the agreement, each job and its end or voiding, the service end. */
    private static void submit(HttpClient http, String gatewayUrl, String token, Journey j) throws IOException, InterruptedException {
        post(http, gatewayUrl + "/api/v1/referrals", token, "{\"clientId\":\"%s\",\"region\":\"%s\",\"referredOn\":\"%s\",\"source\":\"%s\"}"
                .formatted(j.clientId(), j.region(), j.referredOn(), j.source()));
        if (j.signedOn() == null) {
            return;
        }
        String client = gatewayUrl + "/api/v1/referrals/" + j.clientId();
        post(http, client + "/agreement", token, "{\"signedOn\":\"%s\"}".formatted(j.signedOn()));
        for (Job job : j.jobs()) {
            post(http, gatewayUrl + "/api/v1/jobs", token, "{\"jobId\":\"%s\",\"clientId\":\"%s\",\"startedOn\":\"%s\",\"jobType\":\"%s\"}"
                    .formatted(job.jobId(), j.clientId(), job.startedOn(), job.type()));
            if (job.endedOn() != null) {
                post(http, gatewayUrl + "/api/v1/jobs/" + job.jobId() + "/end", token, "{\"endedOn\":\"%s\",\"reason\":\"%s\"}"
                        .formatted(job.endedOn(), job.endReason()));
            }
            if (job.voided()) {
                post(http, gatewayUrl + "/api/v1/jobs/" + job.jobId() + "/void", token, "{}");
            }
        }
        if (j.end() != null) {
            post(http, client + "/end", token, "{\"endedOn\":\"%s\",\"reason\":\"%s\"}".formatted(j.end().on(), j.end().reason()));
        }
    }

    private static void post(HttpClient http, String url, String token, String json) throws IOException, InterruptedException {
        send(http, "POST", url, token, json);
    }

    private static void send(HttpClient http, String method, String url, String token, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + URI.create(url).getPath() + " answered " + response.statusCode() + ": " + response.body());
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
