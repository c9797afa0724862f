package fi.ips.referral.enrolment;

import fi.ips.testsupport.WithEmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static fi.ips.testsupport.Callers.coordinator;
import static fi.ips.testsupport.Callers.county;
import static fi.ips.testsupport.ProblemAssertions.problem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every answer of the enrolment API, against a real PostgreSQL event store (Kafka relay off: the
 * relay has tests of its own).
 */
@WithEmbeddedPostgres
@SpringBootTest(properties = {"ips.relay.enabled=false", "spring.kafka.admin.auto-create=false"})
@AutoConfigureMockMvc
class EnrolmentApiTest {

    private static final String KEYED_REFERRAL = "{\"region\":\"14\",\"referredOn\":\"2022-03-01\",\"source\":\"OTHER\"}";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Test
    void referringAClientAnswers201WithItsStateAndLocation() throws Exception {
        String id = newId();
        perform(post("/api/v1/referrals"), county("14"), referral(id, "14", "2022-03-01"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", endsWith("/api/v1/referrals/" + id)))
                .andExpect(jsonPath("$.clientId").value(id))
                .andExpect(jsonPath("$.status").value("REFERRED"))
                .andExpect(jsonPath("$.history", hasSize(1)))
                .andExpect(jsonPath("$.history[0].type").value("fi.ips.client.referred.v1"));
    }

    @Test
    void aClientIdIsGeneratedWhenNoneIsGiven() throws Exception {
        perform(post("/api/v1/referrals"), county("14"), "{\"region\":\"14\",\"referredOn\":\"2022-03-01\",\"source\":\"SELF_REFERRAL\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.clientId").value(org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}")));
    }

    @Test
    void theWholeJourneyWithCorrections() throws Exception {
        String id = refer("14", "2022-03-01");
        perform(post("/api/v1/referrals/" + id + "/agreement"), county("14"), "{\"signedOn\":\"2022-03-10\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("AGREEMENT_SIGNED"));
        perform(post("/api/v1/referrals/" + id + "/corrections/agreement-date"), county("14"), "{\"signedOn\":\"2022-03-09\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.agreementSignedOn").value("2022-03-09"));
        perform(post("/api/v1/referrals/" + id + "/end"), county("14"), "{\"endedOn\":\"2022-09-01\",\"reason\":\"GOAL_ACHIEVED\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ENDED"));
        perform(post("/api/v1/referrals/" + id + "/corrections/end-date"), county("14"), "{\"endedOn\":\"2022-08-31\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.endedOn").value("2022-08-31"));
        perform(post("/api/v1/referrals/" + id + "/corrections/referral-date"), county("14"), "{\"referredOn\":\"2022-02-28\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.referredOn").value("2022-02-28"));
        mvc.perform(get("/api/v1/referrals/" + id).with(coordinator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.history", hasSize(6)));
        perform(post("/api/v1/referrals/" + id + "/void"), county("14"), "")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("VOIDED"));
    }

    @Test
    void declineAndWithdraw() throws Exception {
        perform(post("/api/v1/referrals/" + refer("14", "2022-03-01") + "/decline"), county("14"),
                "{\"on\":\"2022-03-02\",\"reason\":\"NO_PSYCHIATRIC_CARE_CONTACT\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("DECLINED"));
        perform(post("/api/v1/referrals/" + refer("14", "2022-03-01") + "/withdraw"), county("14"), "{\"on\":\"2022-03-02\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("WITHDRAWN"));
    }

    @Test
    void theSameReferralAgainIsTheSameAnswerAndADifferentOneIs409() throws Exception {
        String id = refer("14", "2022-03-01");
        perform(post("/api/v1/referrals"), county("14"), referral(id, "14", "2022-03-01"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.history", hasSize(1)));
        problem(perform(post("/api/v1/referrals"), county("14"), referral(id, "14", "2022-03-02")), 409, "client-already-referred");
        // Another county numbering its clients alike is told the id is not its client's (that the id exists, a 409 told before too).
        problem(perform(post("/api/v1/referrals"), county("18"), referral(id, "18", "2022-03-01")), 409, "client-id-used-in-another-region");
        mvc.perform(get("/api/v1/referrals/" + id).with(county("18"))).andExpect(status().isNotFound());
    }

    @Test
    void brokenRulesAre409Or422AndStoreNothing() throws Exception {
        String id = refer("14", "2022-03-01");
        problem(perform(post("/api/v1/referrals/" + id + "/agreement"), county("14"), "{\"signedOn\":\"2022-02-01\"}"),
                422, "agreement-before-referral");
        problem(perform(post("/api/v1/referrals/" + id + "/end"), county("14"), "{\"endedOn\":\"2022-04-01\",\"reason\":\"OTHER\"}"),
                409, "no-agreement");
        mvc.perform(get("/api/v1/referrals/" + id).with(county("14"))).andExpect(jsonPath("$.history", hasSize(1)));
    }

    @Test
    void datesMayNotBeInTheFutureNorBefore2015() throws Exception {
        problem(perform(post("/api/v1/referrals"), county("14"), referral(newId(), "14", "2099-01-01")), 422, "date-in-future")
                .andExpect(jsonPath("$.errors[0].field").value("referredOn"));
        problem(perform(post("/api/v1/referrals"), county("14"), referral(newId(), "14", "2014-12-31")), 422, "date-before-2015");
    }

    @Test
    void badInputNamesTheFieldAndTheRule() throws Exception {
        problem(perform(post("/api/v1/referrals"), county("14"), referral("bad id!", "14", "2022-03-01")), 422, "validation")
                .andExpect(jsonPath("$.errors[0].field").value("clientId")).andExpect(jsonPath("$.errors[0].rule").value("pattern"));
        problem(perform(post("/api/v1/referrals"), county("14"), "{\"region\":\"14\",\"source\":\"OTHER\"}"), 422, "validation")
                .andExpect(jsonPath("$.errors[0].field").value("referredOn")).andExpect(jsonPath("$.errors[0].rule").value("not-null"));
        problem(perform(post("/api/v1/referrals"), county("14"), referral(newId(), "99", "2022-03-01")), 422, "region-code");
        problem(perform(post("/api/v1/referrals"), county("14"), "{\"region\":\"14\",\"referredOn\":\"2022-03-01\",\"source\":\"NEIGHBOUR\"}"),
                400, "format").andExpect(jsonPath("$.errors[0].field").value("source"))
                .andExpect(jsonPath("$.errors[0].message", containsString("one of PSYCHIATRIC_OUTPATIENT_CARE,")));
        // What the field takes, as JSON writes it, and never the value sent.
        problem(perform(post("/api/v1/referrals"), county("14"),
                "{\"region\":\"14\",\"referredOn\":\"30.4.2022\",\"source\":\"OTHER\",\"ageGroup\":\"25-34\"}"), 400, "format")
                .andExpect(jsonPath("$.errors[0].field").value("referredOn"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a date as 2022-04-30"))
                .andExpect(content().string(not(containsString("30.4.2022"))));
        problem(perform(post("/api/v1/referrals"), county("14"), "{\"region\":\"14\",\"referredOn\":\"2022-03-01\",\"source\":\"OTHER\",\"ageGroup\":\"25\"}"),
                400, "format").andExpect(jsonPath("$.errors[0].field").value("ageGroup"))
                .andExpect(jsonPath("$.errors[0].message", containsString("25-34")));
        problem(perform(post("/api/v1/referrals"), county("14"), "{not json"), 400, "malformed-body");
    }

    @Test
    void bodiesAreReadStrictlyNotGuessedAt() throws Exception {
        String valid = "\"region\":\"14\",\"referredOn\":\"2022-03-01\",\"source\":\"SELF_REFERRAL\"";
        problem(perform(post("/api/v1/referrals"), county("14"), "{" + valid + ",\"name\":\"Matti\"}"), 400, "unknown-field")
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Matti"))));
        problem(perform(post("/api/v1/referrals"), county("14"), "{" + valid + ",\"Matti Meikäläinen\":1}"), 400, "unknown-field")
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Matti"))));
        problem(perform(post("/api/v1/referrals"), county("14"), "{\"region\":\"14\",\"referredOn\":\"2022-03-01\",\"source\":1}"), 400, "format")
                .andExpect(jsonPath("$.errors[0].field").value("source"));
        problem(perform(post("/api/v1/referrals"), county("14"), "{\"region\":14,\"referredOn\":\"2022-03-01\",\"source\":\"OTHER\"}"), 400, "format")
                .andExpect(jsonPath("$.errors[0].field").value("region"));
        problem(perform(post("/api/v1/referrals"), county("14"), "{" + valid + ",\"region\":\"16\"}"), 400, "malformed-body");
        problem(perform(post("/api/v1/referrals"), county("14"), "{" + valid + "} {}"), 400, "malformed-body");
        problem(perform(post("/api/v1/referrals"), county("14"), "null"), 400, "malformed-body");
        problem(perform(post("/api/v1/referrals"), county("14"), "{\"region\":\"14\",\"referredOn\":\"2022-03-01T00:00:00Z\",\"source\":\"OTHER\"}"),
                400, "format").andExpect(jsonPath("$.errors[0].field").value("referredOn"));
    }

    @Test
    void personalIdentityCodesAreRefusedWithoutEchoingThem() throws Exception {
        problem(perform(post("/api/v1/referrals"), county("14"), referral("131052-308T", "14", "2022-03-01")), 422, "no-personal-identity-code")
                .andExpect(jsonPath("$.errors[0].field").value("clientId"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("131052"))));
        // Nor in the problem's instance (the request's path), percent-encoded or not.
        problem(mvc.perform(get("/api/v1/referrals/131052-308T").with(county("14"))), 422, "no-personal-identity-code")
                .andExpect(jsonPath("$.instance").value("/api/v1/referrals/***"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("131052"))));
        problem(perform(post(URI.create("/api/v1/referrals/131052%2D308T/agreement")), county("14"), "{\"signedOn\":\"2022-03-10\"}"),
                422, "no-personal-identity-code")
                .andExpect(jsonPath("$.instance").value("/api/v1/referrals/***/agreement"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("131052"))));
    }

    @Test
    void whoMayDoWhat() throws Exception {
        String id = refer("14", "2022-03-01");
        problem(mvc.perform(get("/api/v1/referrals/" + id)), 401, "authentication-required");
        problem(perform(post("/api/v1/referrals"), coordinator(), referral(newId(), "14", "2022-03-01")), 403, "role-required");
        problem(perform(post("/api/v1/referrals"), county("14"), referral(newId(), "21", "2022-03-01")), 403, "own-region-only");
        problem(mvc.perform(get("/api/v1/referrals/" + id).with(county("21"))), 404, "not-found");
        problem(perform(post("/api/v1/referrals/" + id + "/agreement"), county("21"), "{\"signedOn\":\"2022-03-10\"}"), 404, "not-found");
        problem(mvc.perform(get("/api/v1/referrals/no-such-client").with(county("14"))), 404, "not-found");
        mvc.perform(get("/api/v1/referrals/" + id).with(coordinator())).andExpect(status().isOk());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndStoresNothing() throws Exception {
        String id = refer("14", "2022-03-01");
        String key = UUID.randomUUID().toString();
        String first = perform(post("/api/v1/referrals/" + id + "/agreement").header("Idempotency-Key", key), county("14"),
                "{\"signedOn\":\"2022-03-10\"}").andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        perform(post("/api/v1/referrals/" + id + "/agreement").header("Idempotency-Key", key), county("14"), "{\"signedOn\":\"2022-03-10\"}")
                .andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(content().json(first));
        problem(perform(post("/api/v1/referrals/" + id + "/agreement").header("Idempotency-Key", key), county("14"),
                "{\"signedOn\":\"2022-03-11\"}"), 422, "idempotency-key-reused");
        mvc.perform(get("/api/v1/referrals/" + id).with(county("14"))).andExpect(jsonPath("$.history", hasSize(2)));
    }

    @Test
    void aRetryAfterTheFirstAttemptDiedWithItsServiceCreatesNoSecondClient() throws Exception {
        String key = UUID.randomUUID().toString();
        String clientId = referWithKey(key);

        // As if the service had died after storing the event, before keeping its answer: the key is "in progress".
        jdbc.update("update idempotency_keys set status = null, body = null where idempotency_key = ?", key);
        problem(perform(post("/api/v1/referrals").header("Idempotency-Key", key), county("14"), KEYED_REFERRAL), 409, "request-in-progress")
                .andExpect(header().exists("Retry-After"));

        // Once it has not answered for longer than any request takes, a retry handles the request again.
        jdbc.update("update idempotency_keys set created_at = created_at - interval '1 hour' where idempotency_key = ?", key);
        perform(post("/api/v1/referrals").header("Idempotency-Key", key), county("14"), KEYED_REFERRAL)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.clientId").value(clientId))
                .andExpect(jsonPath("$.history", hasSize(1)));
        perform(post("/api/v1/referrals").header("Idempotency-Key", key), county("14"), KEYED_REFERRAL)
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.clientId").value(clientId));
    }

    @Test
    void aRetryIsHandledAtOnceWhenTheProcessThatTookTheFirstAttemptHasDied() throws Exception {
        String key = UUID.randomUUID().toString();
        String clientId = referWithKey(key);

        // As if a process had died after storing the event, before keeping its answer: the database ended its session.
        int pid;
        Timestamp started;
        try (Connection killed = DriverManager.getConnection(databaseUrl);
             ResultSet session = killed.createStatement().executeQuery("select pid, backend_start from pg_stat_activity where pid = pg_backend_pid()")) {
            session.next();
            pid = session.getInt(1);
            started = session.getTimestamp(2);
        }
        awaitSessionGone(pid);
        jdbc.update("update idempotency_keys set status = null, body = null, holder_pid = ?, holder_started = ? where idempotency_key = ?",
                pid, started, key);

        perform(post("/api/v1/referrals").header("Idempotency-Key", key), county("14"), KEYED_REFERRAL)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.clientId").value(clientId))
                .andExpect(jsonPath("$.history", hasSize(1)));
    }

    /** A referral without a client id (the service makes one up from the key): its client id. */
    private String referWithKey(String key) throws Exception {
        return com.jayway.jsonpath.JsonPath.read(perform(post("/api/v1/referrals").header("Idempotency-Key", key), county("14"), KEYED_REFERRAL)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.clientId");
    }

    private void awaitSessionGone(int pid) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (jdbc.queryForObject("select count(*) from pg_stat_activity where pid = ?", Integer.class, pid) > 0) {
            assertThat(System.nanoTime()).as("session %d ended within 5 s of its connection's close", pid).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void aPageOfTheRegionsClients() throws Exception {
        String signed = refer("20", "2022-03-01");
        perform(post("/api/v1/referrals/" + signed + "/agreement"), county("20"), "{\"signedOn\":\"2022-03-10\"}").andExpect(status().isOk());
        refer("20", "2022-03-02");
        mvc.perform(get("/api/v1/referrals").with(county("20")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(2)).andExpect(jsonPath("$.items", hasSize(2)));
        mvc.perform(get("/api/v1/referrals?region=20&status=AGREEMENT_SIGNED").with(coordinator()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.items[0].clientId").value(signed));
        problem(mvc.perform(get("/api/v1/referrals?region=20").with(county("14"))), 403, "own-region-only");
        // A page out of bounds names its parameter and its rule (it was a 500).
        problem(mvc.perform(get("/api/v1/referrals?size=1000").with(county("20"))), 422, "validation")
                .andExpect(jsonPath("$.errors[0].field").value("size")).andExpect(jsonPath("$.errors[0].rule").value("max"));
        problem(mvc.perform(get("/api/v1/referrals?page=-1&size=0").with(county("20"))), 422, "validation")
                .andExpect(jsonPath("$.errors[*].field", contains("page", "size"))).andExpect(jsonPath("$.errors[0].rule").value("min"));
        problem(mvc.perform(get("/api/v1/referrals?status=SIGNED").with(county("20"))), 400, "format")
                .andExpect(jsonPath("$.errors[0].field").value("status"))
                .andExpect(jsonPath("$.detail", containsString("it must be one of REFERRED,")));
    }

    @Test
    void concurrentCommandsOnOneClientLoseNothingAndNeverAnswer5xx() throws Exception {
        String id = refer("14", "2022-03-01");
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String body = i % 2 == 0 ? "{\"signedOn\":\"2022-03-10\"}" : "{\"signedOn\":\"2022-03-11\"}";
                attempts.add(() -> perform(post("/api/v1/referrals/" + id + "/agreement"), county("14"), body)
                        .andReturn().getResponse().getStatus());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : callers.invokeAll(attempts)) {
                statuses.add(answer.get());
            }
            assertThat(statuses).allMatch(s -> s == 200 || s == 409).contains(200);
        } finally {
            callers.shutdown();
        }
        mvc.perform(get("/api/v1/referrals/" + id).with(county("14"))).andExpect(jsonPath("$.history", hasSize(2)));
    }

    private String refer(String region, String referredOn) throws Exception {
        String id = newId();
        perform(post("/api/v1/referrals"), county(region), referral(id, region, referredOn)).andExpect(status().isCreated());
        return id;
    }

    private ResultActions perform(MockHttpServletRequestBuilder request, JwtRequestPostProcessor caller, String json) throws Exception {
        return mvc.perform(request.with(caller).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static String referral(String clientId, String region, String referredOn) {
        return "{\"clientId\":\"%s\",\"region\":\"%s\",\"referredOn\":\"%s\",\"source\":\"PSYCHIATRIC_OUTPATIENT_CARE\",\"ageGroup\":\"35-44\"}"
                .formatted(clientId, region, referredOn);
    }

    private static String newId() {
        return "c-" + UUID.randomUUID();
    }
}
