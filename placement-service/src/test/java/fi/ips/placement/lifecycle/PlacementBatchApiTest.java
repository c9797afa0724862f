package fi.ips.placement.lifecycle;

import fi.ips.events.AgreementSignedEvent;
import fi.ips.events.ClientReferredEvent;
import fi.ips.events.ReferralSource;
import fi.ips.events.Region;
import fi.ips.placement.enrolment.ClientEnrolments;
import fi.ips.testsupport.BatchItems;
import fi.ips.testsupport.Callers;
import fi.ips.testsupport.WithEmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import static fi.ips.testsupport.BatchItems.item;
import static fi.ips.testsupport.Callers.county;
import static org.hamcrest.Matchers.hasSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/v1/placements/batch}: starts and ends of jobs and studies in one request. The
 * agreement wait is long here, so that a batch that waited for a missing agreement would show.
 */
@WithEmbeddedPostgres
@SpringBootTest(properties = {"ips.relay.enabled=false", "spring.kafka.admin.auto-create=false",
        "spring.kafka.listener.auto-startup=false", "ips.placement.agreement-wait=" + PlacementBatchApiTest.AGREEMENT_WAIT_SECONDS + "s"})
@AutoConfigureMockMvc
class PlacementBatchApiTest {

    /** Far longer than any answer here takes: an answer that came in less than half of it did not wait for the agreement. */
    static final int AGREEMENT_WAIT_SECONDS = 60;

    @Autowired
    MockMvc mvc;
    @Autowired
    ClientEnrolments enrolments;

    @Test
    void jobsAndStudiesStartAndEndInOneBatch() throws Exception {
        String client = clientWithAgreement(Region.POHJOIS_KARJALA);
        String job = newId();
        String study = newId();
        batch("14", startJob(job, client), item("end-job", job, "{\"endedOn\":\"2022-06-30\",\"reason\":\"CONTRACT_ENDED\",\"clientId\":\"" + client + "\"}"),
                item("start-studies", null, "{\"studyId\":\"" + study + "\",\"clientId\":\"" + client + "\",\"startedOn\":\"2022-08-15\",\"level\":\"VOCATIONAL\"}"),
                item("end-studies", study, "{\"endedOn\":\"2022-12-20\",\"reason\":\"COMPLETED\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(4))
                .andExpect(jsonPath("$.items[0].id").value(job));
        mvc.perform(get("/api/v1/jobs/" + job).with(county("14"))).andExpect(jsonPath("$.status").value("ENDED"));
        mvc.perform(get("/api/v1/studies/" + study).with(county("14"))).andExpect(jsonPath("$.status").value("ENDED"));
    }

    /** A job's start and end sent again are accepted and marked as stored before (an import of the same file again). */
    @Test
    void aPlacementSentAgainIsAlreadyStored() throws Exception {
        String client = clientWithAgreement(Region.POHJOIS_KARJALA);
        String job = newId();
        String end = item("end-job", job, "{\"endedOn\":\"2022-06-30\",\"reason\":\"CONTRACT_ENDED\"}");
        batch("14", startJob(job, client)).andExpect(jsonPath("$.items[0].alreadyStored").value(false));
        batch("14", startJob(job, client), end)
                .andExpect(jsonPath("$.items[0].alreadyStored").value(true))
                .andExpect(jsonPath("$.items[1].alreadyStored").value(false));
        batch("14", startJob(job, client), end)
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.items[0].alreadyStored").value(true))
                .andExpect(jsonPath("$.items[1].alreadyStored").value(true));
    }

    @Test
    void aClientWithoutAnAgreementIsRefusedAtOnce() throws Exception {
        long start = System.nanoTime();
        batch("14", startJob(newId(), "nobody-" + UUID.randomUUID()))
                .andExpect(jsonPath("$.items[0].problem.status").value(409))
                .andExpect(jsonPath("$.items[0].problem.rule").value("client-without-agreement"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered without waiting the %d s agreement wait", AGREEMENT_WAIT_SECONDS)
                .isLessThan(Duration.ofSeconds(AGREEMENT_WAIT_SECONDS / 2));
    }

    @Test
    void theEndOfAnotherClientsPlacementOrOfAnotherKindIsRefused() throws Exception {
        String client = clientWithAgreement(Region.POHJOIS_KARJALA);
        String job = newId();
        batch("14", startJob(job, client),
                item("end-job", job, "{\"endedOn\":\"2022-06-30\",\"reason\":\"CONTRACT_ENDED\",\"clientId\":\"someone-else\"}"),
                item("end-job", null, "{\"endedOn\":\"2022-06-30\",\"reason\":\"CONTRACT_ENDED\"}"),
                startJob(newId(), client).replace("\"jobId\":\"", "\"jobId\":\"bad id "))
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.items[1].problem.rule").value("placement-of-another-client"))
                .andExpect(jsonPath("$.items[1].problem.errors[0].field").value("clientId"))
                .andExpect(jsonPath("$.items[2].problem.rule").value("id-required"))
                .andExpect(jsonPath("$.items[3].problem.errors[0].field").value("jobId"));
        batch("14", item("end-studies", job, "{\"endedOn\":\"2022-06-30\",\"reason\":\"COMPLETED\"}"))
                .andExpect(jsonPath("$.items[0].problem.status").value(404));
        mvc.perform(get("/api/v1/jobs/" + job).with(county("14")))
                .andExpect(jsonPath("$.status").value("ONGOING"))
                .andExpect(jsonPath("$.history", hasSize(1)));
    }

    /** A batch kept to one region (an import's, with the import service's token for every region) reaches no other region's clients. */
    @Test
    void aBatchKeptToOneRegionDoesNotReachAnotherRegionsClientsEvenWithATokenForBoth() throws Exception {
        String elsewhere = clientWithAgreement(Region.LAPPI);
        String job = newId();
        batch("21", startJob(job, elsewhere)).andExpect(jsonPath("$.accepted").value(1));
        var importService = Callers.counties("import-service", "14", "21");

        mvc.perform(post("/api/v1/placements/batch?region=14").with(importService).contentType(MediaType.APPLICATION_JSON)
                        .content(BatchItems.batch(startJob(newId(), elsewhere), item("end-job", job, "{\"endedOn\":\"2022-06-30\",\"reason\":\"OTHER\"}"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(0))
                .andExpect(jsonPath("$.items[0].problem.rule").value("client-without-agreement"))
                .andExpect(jsonPath("$.items[1].problem.status").value(404));
        mvc.perform(get("/api/v1/jobs/" + job).with(county("21"))).andExpect(jsonPath("$.status").value("ONGOING"));

        // The control: without ?region= the same token does reach region 21's job.
        mvc.perform(post("/api/v1/placements/batch").with(importService).contentType(MediaType.APPLICATION_JSON)
                        .content(BatchItems.batch(item("end-job", job, "{\"endedOn\":\"2022-06-30\",\"reason\":\"OTHER\"}"))))
                .andExpect(jsonPath("$.accepted").value(1));
    }

    @Test
    void theSingleEndpointChecksTheNamedClientToo() throws Exception {
        String client = clientWithAgreement(Region.POHJOIS_KARJALA);
        String job = newId();
        batch("14", startJob(job, client)).andExpect(jsonPath("$.accepted").value(1));
        mvc.perform(post("/api/v1/jobs/" + job + "/end").with(county("14")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"endedOn\":\"2022-06-30\",\"reason\":\"CONTRACT_ENDED\",\"clientId\":\"someone-else\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("placement-of-another-client"));
        mvc.perform(post("/api/v1/jobs/" + job + "/end").with(county("14")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"endedOn\":\"2022-06-30\",\"reason\":\"CONTRACT_ENDED\",\"clientId\":\"" + client + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ENDED"));
    }

    private String clientWithAgreement(Region region) {
        String id = newId();
        enrolments.apply(new ClientReferredEvent(id, region, LocalDate.of(2022, 3, 1), ReferralSource.PSYCHIATRIC_OUTPATIENT_CARE, null));
        enrolments.apply(new AgreementSignedEvent(id, region, LocalDate.of(2022, 3, 10)));
        return id;
    }

    private ResultActions batch(String region, String... items) throws Exception {
        return mvc.perform(post("/api/v1/placements/batch").with(county(region)).contentType(MediaType.APPLICATION_JSON)
                .content(BatchItems.batch(items)));
    }

    private static String startJob(String jobId, String clientId) {
        return item("start-job", null, "{\"jobId\":\"%s\",\"clientId\":\"%s\",\"startedOn\":\"2022-04-01\",\"jobType\":\"PAID_OPEN_MARKET\"}"
                .formatted(jobId, clientId));
    }

    private static String newId() {
        return "p-" + UUID.randomUUID();
    }
}
