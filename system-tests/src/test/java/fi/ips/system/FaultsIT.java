package fi.ips.system;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static fi.ips.system.RunningPlatform.get;
import static fi.ips.system.RunningPlatform.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults under a steady stream of submissions (region 09), one after another: the Kafka broker and
 * each service killed (SIGKILL) and started again (the gateway killed from outside the platform, which
 * starts it again by itself), PostgreSQL and the MongoDB server stopped for a
 * while. The client retries every submission with the same {@code Idempotency-Key} until it is
 * answered. After each fault the submissions flow again soon after the process is back; afterwards
 * the platform has recovered by itself, and its figures are those of a
 * reference count over what was accepted: every accepted submission counted once, every one
 * whose answer was lost (5xx, timeout) once or not at all, and no retry counted twice.
 */
class FaultsIT {

    private static final String REGION = "09";
    private static final Duration RETRY_FOR = Duration.ofSeconds(150);
    /** Time for submissions to flow again after a fault's process is back (a service's own start is not in it). */
    private static final Duration RECOVERY = Duration.ofSeconds(45);
    /** Time for the platform to start a crashed service again by itself (two cores, under the test's load). */
    private static final Duration START = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What the client knows of its submissions. */
    private static final class Reference {
        final Set<String> referred = ConcurrentHashMap.newKeySet();
        final Set<String> signed = ConcurrentHashMap.newKeySet();
        final Set<String> employed = ConcurrentHashMap.newKeySet();
        final AtomicInteger unansweredReferrals = new AtomicInteger();
        final AtomicInteger unansweredAgreements = new AtomicInteger();
        final AtomicInteger unansweredJobs = new AtomicInteger();
        final AtomicInteger replayed = new AtomicInteger();
        final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    }

    @Test
    void thePlatformRecoversFromEachFaultAndCountsEveryAcceptedSubmissionOnce() throws Exception {
        String gateway = RunningPlatform.gatewayUrl();
        Reference reference = new Reference();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<String> county = new AtomicReference<>(token("region-" + REGION));
        BlockingQueue<String> toEmploy = new LinkedBlockingQueue<>();
        // Jobs apart: placement-service hears of an agreement over Kafka, so a job may wait for the broker.
        Thread enrolments = new Thread(() -> enrolUntilStopped(gateway, county, reference, toEmploy, running), "fault-test-enrolments");
        Thread jobs = new Thread(() -> employUntilStopped(gateway, county, reference, toEmploy, running), "fault-test-jobs");
        enrolments.start();
        jobs.start();
        try {
            Thread.sleep(5_000);
            for (String process : List.of("kafka", "referral-service", "placement-service", "outcomes-service")) {
                fault("kill -9 " + process, reference);
                RunningPlatform.platform().kill(process);
                Thread.sleep(3_000);
                RunningPlatform.platform().restart(process);
                awaitRecovery(process + "'s return", reference, RECOVERY);
            }
            // The gateway dies as in a crash of its own, unknown to the platform, which must notice and start it again.
            fault("kill -9 gateway from outside the platform", reference);
            ProcessHandle.of(RunningPlatform.platform().pid("gateway")).orElseThrow().destroyForcibly();
            Thread.sleep(3_000);
            awaitRecovery("the gateway's end (+3 s)", reference, RECOVERY.plus(START));
            // The platform's own kills above are not crashes to it; this one is.
            assertThat(RunningPlatform.platform().unexpectedEnds()).containsExactly("gateway (exit code 137)");
            for (String process : List.of("postgres", "mongodb")) {
                fault("stop " + process, reference);
                RunningPlatform.platform().stop(process);
                Thread.sleep(5_000);
                RunningPlatform.platform().restart(process);
                awaitRecovery(process + "'s return", reference, RECOVERY);
            }
        } finally {
            running.set(false);
            enrolments.join(RETRY_FOR.toMillis() + 30_000);
            jobs.join(RETRY_FOR.toMillis() + 30_000);
        }
        System.out.printf("FaultsIT: %d referred, %d signed, %d employed accepted; unanswered %d/%d/%d; %d replayed%n",
                reference.referred.size(), reference.signed.size(), reference.employed.size(), reference.unansweredReferrals.get(),
                reference.unansweredAgreements.get(), reference.unansweredJobs.get(), reference.replayed.get());

        assertThat(reference.unexpected).as("answers other than success, retry or a fault's 5xx").isEmpty();
        assertThat(reference.referred).as("referrals accepted under faults").hasSizeGreaterThan(20);
        String coordinator = RunningPlatform.newToken("coordinator");
        String figures = awaitFigures(coordinator, reference, Duration.ofSeconds(180));
        long referrals = ((Number) JsonPath.read(figures, "$.referrals")).longValue();
        long agreements = ((Number) JsonPath.read(figures, "$.agreements")).longValue();
        long employed = ((Number) JsonPath.read(figures, "$.employed")).longValue();
        assertThat(referrals).as(figures).isBetween((long) reference.referred.size(),
                (long) reference.referred.size() + reference.unansweredReferrals.get());
        assertThat(agreements).as(figures).isBetween((long) reference.signed.size(),
                (long) reference.signed.size() + reference.unansweredAgreements.get());
        assertThat(employed).as(figures).isBetween((long) reference.employed.size(),
                (long) reference.employed.size() + reference.unansweredJobs.get());

        // Each accepted client once, with its events once: a retried submission was never stored twice.
        String countyToken = RunningPlatform.newToken("region-" + REGION);
        for (String clientId : reference.signed) {
            String client = get("/api/v1/referrals/" + clientId, countyToken).body();
            assertThat((List<?>) JsonPath.read(client, "$.history[?(@.type == 'fi.ips.client.referred.v1')]")).as(client).hasSize(1);
            assertThat((List<?>) JsonPath.read(client, "$.history[?(@.type == 'fi.ips.agreement.signed.v1')]")).as(client).hasSize(1);
        }
    }

    private static void fault(String what, Reference reference) {
        System.out.printf("FaultsIT: %s (so far %d referred, %d signed, %d employed)%n", what, reference.referred.size(),
                reference.signed.size(), reference.employed.size());
    }

    /**
     * The next fault comes only once the stream flows again: clients referred and jobs started
     * {@code within} the given time after {@code since} (a fault's process back, or its end when the
     * platform brings it back by itself). A retry left waiting on the killed process's unanswered
     * attempt would hold the stream up to {@code abandoned-after}; a restarted consumer, up to its
     * session timeout.
     */
    private static void awaitRecovery(String since, Reference reference, Duration within) throws InterruptedException {
        int referred = reference.referred.size();
        int employed = reference.employed.size();
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        while (reference.referred.size() <= referred || reference.employed.size() <= employed) {
            assertThat(System.nanoTime()).as("clients referred and jobs started within %d s of %s (%d and %d since)",
                    within.toSeconds(), since, reference.referred.size() - referred, reference.employed.size() - employed)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
        System.out.printf("FaultsIT: submissions flow again %.1f s after %s%n", (System.nanoTime() - start) / 1e9, since);
    }

    /** Refers and signs clients one after another, each step retried with its key until answered; every third to employ. */
    private static void enrolUntilStopped(String gateway, AtomicReference<String> county, Reference reference,
                                          BlockingQueue<String> toEmploy, AtomicBoolean running) {
        int n = 0;
        while (running.get()) {
            String referral = submit(gateway, county, "/api/v1/referrals",
                    "{\"region\":\"" + REGION + "\",\"referredOn\":\"2023-01-10\",\"source\":\"SELF_REFERRAL\"}", reference,
                    reference.unansweredReferrals);
            if (referral == null) {
                continue;
            }
            String clientId = JsonPath.read(referral, "$.clientId");
            reference.referred.add(clientId);
            if (submit(gateway, county, "/api/v1/referrals/" + clientId + "/agreement", "{\"signedOn\":\"2023-01-20\"}", reference,
                    reference.unansweredAgreements) == null) {
                continue;
            }
            reference.signed.add(clientId);
            if (++n % 3 == 0) {
                toEmploy.add(clientId);
            }
        }
    }

    /** Starts a job for each client handed over, one after another, until stopped. */
    private static void employUntilStopped(String gateway, AtomicReference<String> county, Reference reference,
                                           BlockingQueue<String> toEmploy, AtomicBoolean running) {
        try {
            while (running.get()) {
                String clientId = toEmploy.poll(1, TimeUnit.SECONDS);
                if (clientId != null && submit(gateway, county, "/api/v1/jobs", "{\"clientId\":\"" + clientId
                        + "\",\"startedOn\":\"2023-02-01\",\"jobType\":\"PAID_OPEN_MARKET\"}", reference, reference.unansweredJobs) != null) {
                    reference.employed.add(clientId);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One submission, retried with the same key while the platform is down or busy: the answer's
     * body once accepted, or null when no answer came in time (the submission may or may not have
     * been stored: counted in {@code unanswered}).
     */
    private static String submit(String gateway, AtomicReference<String> token, String path, String json, Reference reference,
                                 AtomicInteger unanswered) {
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        boolean attempted = false;
        String lastAnswer = "none";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token.get())
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
                attempted = true;
                int status = response.statusCode();
                lastAnswer = status + " " + response.body();
                if (status / 100 == 2) {
                    if (response.headers().firstValue("Idempotent-Replayed").isPresent()) {
                        reference.replayed.incrementAndGet();
                    }
                    return response.body();
                }
                if (status == 401) {
                    // The access token expired during the run: a new one, and the same submission again.
                    token.set(RunningPlatform.newToken("region-" + REGION));
                } else if (status != 409 && status != 429 && status != 502 && status != 503 && status != 504) {
                    // 409: the first attempt is still being handled, or the placement side has not yet heard of the
                    // agreement; 429: slow down; 502-504: a fault the gateway or service names. All retried; a 500
                    // would be a bug.
                    reference.unexpected.add(path + " " + status + " " + response.body());
                    return null;
                }
            } catch (IOException timeoutOrRefused) {
                lastAnswer = timeoutOrRefused.toString();
                attempted = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(500);
        }
        if (attempted) {
            unanswered.incrementAndGet();
        }
        System.out.printf("FaultsIT: no answer to POST %s %s in %d s; the last: %s%n", path, json, RETRY_FOR.toSeconds(), lastAnswer);
        return null;
    }

    private static String awaitFigures(String token, Reference reference, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String figures = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get("/api/v1/outcomes/regions/" + REGION + "?asOf=2023-12-31", token);
            if (response.statusCode() == 200) {
                figures = response.body();
                long referrals = ((Number) JsonPath.read(figures, "$.referrals")).longValue();
                long agreements = ((Number) JsonPath.read(figures, "$.agreements")).longValue();
                long employed = ((Number) JsonPath.read(figures, "$.employed")).longValue();
                if (referrals >= reference.referred.size() && agreements >= reference.signed.size() && employed >= reference.employed.size()) {
                    return figures;
                }
            }
            Thread.sleep(1_000);
        }
        return figures;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
