package fi.ips.placement.lifecycle;

import com.jayway.jsonpath.JsonPath;
import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.ReferralVoidedEvent;
import fi.ips.events.Region;
import fi.ips.placement.enrolment.ClientEnrolments;
import fi.ips.testsupport.WithEmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
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
 * Every answer of the jobs and studies API, against a real PostgreSQL event store. The agreement
 * view is fed here directly (its Kafka feed has an integration test of its own).
 */
@WithEmbeddedPostgres
@SpringBootTest(properties = {"ips.relay.enabled=false", "spring.kafka.admin.auto-create=false",
        "spring.kafka.listener.auto-startup=false", "ips.placement.agreement-wait=" + PlacementApiTest.AGREEMENT_WAIT_MILLIS + "ms"})
@AutoConfigureMockMvc
class PlacementApiTest {

    static final int AGREEMENT_WAIT_MILLIS = 300;
    private static final LocalDate REFERRED = LocalDate.of(2022, 3, 1);
    private static final LocalDate SIGNED = LocalDate.of(2022, 3, 10);

    @Autowired
    MockMvc mvc;

    @Autowired
    ClientEnrolments enrolments;

    @Autowired
    ConsumerFactory<?, ?> consumers;

    /** A consumer killed without leaving its group holds its partitions until its session times out: 10 s, not Kafka's 45 s. */
    @Test
    void theEnrolmentConsumersSessionTimesOutIn10Seconds() {
        assertThat(consumers.getConfigurationProperties())
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000")
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3000);
    }

    @Test
    void aJobOfAClientWithAnAgreementIsStartedInTheClientsRegion() throws Exception {
        String client = clientWithAgreement(Region.POHJOIS_KARJALA);
        perform(post("/api/v1/jobs"), county("14"), job(null, client, "2022-04-01", "PAID_OPEN_MARKET"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.containsString("/api/v1/jobs/")))
                .andExpect(jsonPath("$.kind").value("JOB"))
                .andExpect(jsonPath("$.region").value("14"))
                .andExpect(jsonPath("$.status").value("ONGOING"))
                .andExpect(jsonPath("$.start.jobType").value("PAID_OPEN_MARKET"))
                .andExpect(jsonPath("$.start.existingJob").value(false))
                .andExpect(jsonPath("$.history", hasSize(1)));
    }

    @Test
    void aJobStartedBeforeTheAgreementIsAnExistingJob() throws Exception {
        String client = clientWithAgreement(Region.POHJOIS_KARJALA);
        perform(post("/api/v1/jobs"), county("14"), job(null, client, "2022-03-05", "PAID_SUPPORTED"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.start.existingJob").value(true));
    }

    @Test
    void withoutAnAgreementInTheCallersRegionAJobIs409AfterABriefWait() throws Exception {
        problem(afterTheAgreementWait(() -> perform(post("/api/v1/jobs"), county("14"), job(null, "nobody-" + UUID.randomUUID(), "2022-04-01", "WORK_TRIAL"))),
                409, "client-without-agreement");
        String referredOnly = newId();
        enrolments.apply(new ClientReferredEvent(referredOnly, Region.POHJOIS_KARJALA, REFERRED, ReferralSource.OTHER, null));
        problem(afterTheAgreementWait(() -> perform(post("/api/v1/jobs"), county("14"), job(null, referredOnly, "2022-04-01", "WORK_TRIAL"))),
                409, "client-without-agreement");
        String elsewhere = clientWithAgreement(Region.LAPPI);
        problem(afterTheAgreementWait(() -> perform(post("/api/v1/jobs"), county("14"), job(null, elsewhere, "2022-04-01", "WORK_TRIAL"))),
                409, "client-without-agreement");
    }

    /** The answer, checked to have come no sooner than the configured agreement wait: the service waited for an agreement first. */
    private static ResultActions afterTheAgreementWait(Callable<ResultActions> request) throws Exception {
        long start = System.nanoTime();
        ResultActions answer = request.call();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for an agreement before answering")
                .isGreaterThanOrEqualTo(Duration.ofMillis(AGREEMENT_WAIT_MILLIS));
        return answer;
    }

    @Test
    void aRetryWithTheSameKeyIsDecidedAfreshOnceTheAgreementHasArrived() throws Exception {
        String client = newId();
        String key = UUID.randomUUID().toString();
        problem(perform(post("/api/v1/jobs").header("Idempotency-Key", key), county("14"), job(null, client, "2022-04-01", "WORK_TRIAL")),
                409, "client-without-agreement");
        enrolments.apply(new ClientReferredEvent(client, Region.POHJOIS_KARJALA, REFERRED, ReferralSource.OTHER, null));
        enrolments.apply(new AgreementSignedEvent(client, Region.POHJOIS_KARJALA, SIGNED));

        perform(post("/api/v1/jobs").header("Idempotency-Key", key), county("14"), job(null, client, "2022-04-01", "WORK_TRIAL"))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andExpect(jsonPath("$.clientId").value(client));
    }

    @Test
    void aVoidedClientsJobsAreRefused() throws Exception {
        String client = clientWithAgreement(Region.POHJOIS_KARJALA);
        enrolments.apply(new ReferralVoidedEvent(client, Region.POHJOIS_KARJALA, SIGNED.plusDays(1)));
        problem(perform(post("/api/v1/jobs"), county("14"), job(null, client, "2022-04-01", "VOLUNTEER")), 409, "client-voided");
    }

    @Test
    void datesAndFieldsKeepTheirRules() throws Exception {
        String client = clientWithAgreement(Region.POHJOIS_KARJALA);
        problem(perform(post("/api/v1/jobs"), county("14"), job(null, client, "2022-02-28", "INTERNSHIP")), 422, "before-referral")
                .andExpect(jsonPath("$.errors[0].field").value("startedOn"));
        problem(perform(post("/api/v1/jobs"), county("14"), job(null, client, "2099-01-01", "INTERNSHIP")), 422, "date-in-future");
        problem(perform(post("/api/v1/jobs"), county("14"),
                "{\"clientId\":\"" + client + "\",\"startedOn\":\"2022-04-01\",\"jobType\":\"PAID_OPEN_MARKET\",\"weeklyHours\":61,\"occupation\":10}"),
                422, "validation").andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.containsInAnyOrder("weeklyHours", "occupation")));
        problem(perform(post("/api/v1/jobs"), county("14"), job(null, client, "2022-04-01", "GIG")), 400, "format")
                .andExpect(jsonPath("$.errors[0].field").value("jobType"));
        // A number too large for its field is that field's wrong format, not a body that is no JSON.
        problem(perform(post("/api/v1/jobs"), county("14"),
                "{\"clientId\":\"" + client + "\",\"startedOn\":\"2022-04-01\",\"jobType\":\"PAID_OPEN_MARKET\",\"weeklyHours\":99999999999}"),
                400, "format").andExpect(jsonPath("$.errors[0].field").value("weeklyHours"));
        problem(perform(post("/api/v1/jobs"), county("14"), job("131052-308T", client, "2022-04-01", "INTERNSHIP")),
                422, "no-personal-identity-code");
    }

    @Test
    void aJobEndsOnceAndIsCorrectedOrVoided() throws Exception {
        String client = clientWithAgreement(Region.POHJOIS_KARJALA);
        String jobId = newId();
        perform(post("/api/v1/jobs"), county("14"), job(jobId, client, "2022-04-01", "PAID_OPEN_MARKET")).andExpect(status().isCreated());
        problem(perform(post("/api/v1/jobs/" + jobId + "/end"), county("14"), "{\"endedOn\":\"2022-03-31\",\"reason\":\"RESIGNED\"}"),
                422, "end-before-start");
        perform(post("/api/v1/jobs/" + jobId + "/end"), county("14"), "{\"endedOn\":\"2022-09-30\",\"reason\":\"CONTRACT_ENDED\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ENDED"));
        problem(perform(post("/api/v1/jobs/" + jobId + "/end"), county("14"), "{\"endedOn\":\"2022-10-01\",\"reason\":\"RESIGNED\"}"),
                409, "already-ended");
        problem(perform(post("/api/v1/jobs/" + jobId + "/corrections/start-date"), county("14"), "{\"startedOn\":\"2022-02-01\"}"),
                422, "before-referral");
        perform(post("/api/v1/jobs/" + jobId + "/corrections/start-date"), county("14"), "{\"startedOn\":\"2022-04-04\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.startedOn").value("2022-04-04"));
        perform(post("/api/v1/jobs/" + jobId + "/corrections/end-date"), county("14"), "{\"endedOn\":\"2022-09-15\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.endedOn").value("2022-09-15"));
        perform(post("/api/v1/jobs/" + jobId + "/void"), county("14"), "")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("VOIDED")).andExpect(jsonPath("$.history", hasSize(5)));
    }

    @Test
    void theSameStartAgainIsTheSameAnswerAndAnIdempotencyKeyReplays() throws Exception {
        String client = clientWithAgreement(Region.POHJOIS_KARJALA);
        String jobId = newId();
        String key = UUID.randomUUID().toString();
        String first = perform(post("/api/v1/jobs").header("Idempotency-Key", key), county("14"), job(jobId, client, "2022-04-01", "WORK_TRIAL"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        perform(post("/api/v1/jobs").header("Idempotency-Key", key), county("14"), job(jobId, client, "2022-04-01", "WORK_TRIAL"))
                .andExpect(status().isCreated()).andExpect(header().string("Idempotent-Replayed", "true")).andExpect(content().json(first));
        perform(post("/api/v1/jobs"), county("14"), job(jobId, client, "2022-04-01", "WORK_TRIAL"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.history", hasSize(1)));
        problem(perform(post("/api/v1/jobs"), county("14"), job(jobId, client, "2022-04-02", "WORK_TRIAL")), 409, "placement-already-exists");
        problem(perform(post("/api/v1/studies"), county("14"), "{\"studyId\":\"" + jobId + "\",\"clientId\":\"" + client + "\",\"startedOn\":\"2022-04-01\"}"),
                409, "placement-already-exists");
    }

    @Test
    void studiesAndTheClientsPlacements() throws Exception {
        String client = clientWithAgreement(Region.POHJOIS_KARJALA);
        // A client of the caller's region without placements has none, not "no such client"; another region's is not revealed.
        mvc.perform(get("/api/v1/clients/" + client + "/placements").with(county("14")))
                .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(0)));
        problem(mvc.perform(get("/api/v1/clients/" + client + "/placements").with(county("21"))), 404, "not-found");
        problem(mvc.perform(get("/api/v1/clients/no-such-client/placements").with(county("14"))), 404, "not-found");
        String studyId = newId();
        perform(post("/api/v1/studies"), county("14"), "{\"studyId\":\"" + studyId + "\",\"clientId\":\"" + client + "\",\"startedOn\":\"2022-08-15\",\"level\":\"VOCATIONAL\"}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", endsWith("/api/v1/studies/" + studyId)))
                .andExpect(jsonPath("$.kind").value("STUDIES")).andExpect(jsonPath("$.start.level").value("VOCATIONAL"));
        perform(post("/api/v1/studies/" + studyId + "/end"), county("14"), "{\"endedOn\":\"2023-05-31\",\"reason\":\"COMPLETED\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ENDED"));
        perform(post("/api/v1/jobs"), county("14"), job(null, client, "2022-04-01", "PAID_OPEN_MARKET")).andExpect(status().isCreated());
        mvc.perform(get("/api/v1/clients/" + client + "/placements").with(county("14")))
                .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[*].kind", org.hamcrest.Matchers.containsInAnyOrder("JOB", "STUDIES")));
    }

    /** A job's id names no studies and the other way round: a command for the other kind is 404, not a 500 from loading it. */
    @Test
    void aJobsPathsDoNotReachStudiesNorTheOtherWayRound() throws Exception {
        String client = clientWithAgreement(Region.POHJOIS_KARJALA);
        String jobId = newId();
        String studyId = newId();
        perform(post("/api/v1/jobs"), county("14"), job(jobId, client, "2022-04-01", "PAID_OPEN_MARKET")).andExpect(status().isCreated());
        perform(post("/api/v1/studies"), county("14"), "{\"studyId\":\"" + studyId + "\",\"clientId\":\"" + client + "\",\"startedOn\":\"2022-08-15\"}")
                .andExpect(status().isCreated());

        for (String kind : List.of("/api/v1/jobs/" + studyId, "/api/v1/studies/" + jobId)) {
            problem(perform(post(kind + "/end"), county("14"), "{\"endedOn\":\"2022-09-01\",\"reason\":\"OTHER\"}"), 404, "not-found");
            problem(perform(post(kind + "/corrections/end-date"), county("14"), "{\"endedOn\":\"2022-09-01\"}"), 404, "not-found");
        }
        problem(perform(post("/api/v1/jobs/" + studyId + "/corrections/start-date"), county("14"), "{\"startedOn\":\"2022-08-16\"}"), 404, "not-found");
        problem(perform(post("/api/v1/studies/" + jobId + "/void"), county("14"), "{}"), 404, "not-found");
        // The same answer as for an id that names nothing: it tells no one that the id holds studies.
        String nothing = mvc.perform(get("/api/v1/jobs/no-such-job").with(county("14"))).andReturn().getResponse().getContentAsString();
        problem(mvc.perform(get("/api/v1/jobs/" + studyId).with(county("14"))), 404, "not-found")
                .andExpect(jsonPath("$.detail").value((String) JsonPath.read(nothing, "$.detail")));
        mvc.perform(get("/api/v1/jobs/" + jobId).with(county("14"))).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ONGOING"));
        mvc.perform(get("/api/v1/studies/" + studyId).with(county("14"))).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ONGOING"));
    }

    @Test
    void whoMayDoWhat() throws Exception {
        String client = clientWithAgreement(Region.POHJOIS_KARJALA);
        String jobId = newId();
        perform(post("/api/v1/jobs"), county("14"), job(jobId, client, "2022-04-01", "PAID_OPEN_MARKET")).andExpect(status().isCreated());
        problem(mvc.perform(get("/api/v1/jobs/" + jobId)), 401, "authentication-required");
        problem(perform(post("/api/v1/jobs"), coordinator(), job(null, client, "2022-04-01", "PAID_OPEN_MARKET")), 403, "role-required");
        problem(mvc.perform(get("/api/v1/jobs/" + jobId).with(county("21"))), 404, "not-found");
        problem(perform(post("/api/v1/jobs/" + jobId + "/end"), county("21"), "{\"endedOn\":\"2022-05-01\",\"reason\":\"OTHER\"}"), 404, "not-found");
        // Not 422 "before the referral": that would tell another region of the job and its client's referral date.
        problem(perform(post("/api/v1/jobs/" + jobId + "/corrections/start-date"), county("21"), "{\"startedOn\":\"2015-01-01\"}"), 404, "not-found");
        problem(mvc.perform(get("/api/v1/clients/" + client + "/placements").with(county("21"))), 404, "not-found");
        // Another county numbering its jobs alike is told the id is not its job's, as a job or as studies.
        String elsewhere = clientWithAgreement(Region.LAPPI);
        problem(perform(post("/api/v1/jobs"), county("21"), job(jobId, elsewhere, "2022-04-01", "PAID_OPEN_MARKET")),
                409, "placement-id-used-in-another-region");
        problem(perform(post("/api/v1/studies"), county("21"), "{\"studyId\":\"" + jobId + "\",\"clientId\":\"" + elsewhere + "\",\"startedOn\":\"2022-04-01\"}"),
                409, "placement-id-used-in-another-region");
        problem(mvc.perform(get("/api/v1/jobs/no-such-job").with(county("14"))), 404, "not-found");
        mvc.perform(get("/api/v1/jobs/" + jobId).with(coordinator())).andExpect(status().isOk());
    }

    @Test
    void concurrentCommandsOnOneJobLoseNothingAndNeverAnswer5xx() throws Exception {
        String client = clientWithAgreement(Region.POHJOIS_KARJALA);
        String jobId = newId();
        perform(post("/api/v1/jobs"), county("14"), job(jobId, client, "2022-04-01", "PAID_OPEN_MARKET")).andExpect(status().isCreated());
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String body = i % 2 == 0 ? "{\"endedOn\":\"2022-06-30\",\"reason\":\"RESIGNED\"}" : "{\"endedOn\":\"2022-07-31\",\"reason\":\"RESIGNED\"}";
                attempts.add(() -> perform(post("/api/v1/jobs/" + jobId + "/end"), county("14"), body).andReturn().getResponse().getStatus());
            }
            for (Future<Integer> answer : callers.invokeAll(attempts)) {
                statuses.add(answer.get());
            }
        } finally {
            callers.shutdown();
        }
        assertThat(statuses).allMatch(s -> s == 200 || s == 409).contains(200);
        mvc.perform(get("/api/v1/jobs/" + jobId).with(county("14"))).andExpect(jsonPath("$.history", hasSize(2)));
    }

    private String clientWithAgreement(Region region) {
        String id = newId();
        enrolments.apply(new ClientReferredEvent(id, region, REFERRED, ReferralSource.PSYCHIATRIC_OUTPATIENT_CARE, null));
        enrolments.apply(new AgreementSignedEvent(id, region, SIGNED));
        return id;
    }

    private ResultActions perform(MockHttpServletRequestBuilder request, JwtRequestPostProcessor caller, String json) throws Exception {
        return mvc.perform(request.with(caller).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static String job(String jobId, String clientId, String startedOn, String type) {
        return (jobId == null ? "{" : "{\"jobId\":\"" + jobId + "\",")
                + "\"clientId\":\"%s\",\"startedOn\":\"%s\",\"jobType\":\"%s\",\"weeklyHours\":25,\"employerSector\":\"PRIVATE\",\"occupation\":5}"
                .formatted(clientId, startedOn, type);
    }

    private static String newId() {
        return "p-" + UUID.randomUUID();
    }
}
