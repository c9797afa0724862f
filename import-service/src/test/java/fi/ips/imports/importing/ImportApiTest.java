package fi.ips.imports.importing;

import com.jayway.jsonpath.JsonPath;
import fi.ips.events.Region;
import fi.ips.imports.journey.JourneyApi.RowAnswer;
import fi.ips.imports.row.JourneyRow;
import fi.ips.imports.row.RowEvent;
import fi.ips.testsupport.WithEmbeddedPostgres;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static fi.ips.testsupport.Callers.county;
import static fi.ips.testsupport.ProblemAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The import API against a real PostgreSQL, with the services it submits to faked ({@link FakeServices}). */
@WithEmbeddedPostgres
@SpringBootTest(properties = {"ips.imports.answer-within=700ms", "ips.imports.at-once=2"})
@AutoConfigureMockMvc
class ImportApiTest {

    /** Client 1's rows out of journey order; client 2's agreement has no referral; row 7 has a bad date. */
    private static final String FILE = """
            clientId,event,date,source,placementId,jobType,reason
            c-1,JOB_STARTED,2022-04-01,,c-1-job,PAID_OPEN_MARKET,
            c-1,AGREEMENT_SIGNED,2022-03-01,,,,
            c-1,REFERRED,2022-02-01,SELF_REFERRAL,,,
            c-2,AGREEMENT_SIGNED,2022-03-01,,,,
            c-1,JOB_ENDED,2022-06-30,,c-1-job,,CONTRACT_ENDED
            c-3,REFERRED,2022-13-01,SELF_REFERRAL,,,
            """;

    @TestConfiguration
    static class Fakes {
        @Bean
        @Primary
        HeldServices fakeServices() {
            return new HeldServices();
        }
    }

    /**
     * {@link FakeServices} that hold a batch with a "held-" client, and are down for one with a "down-"
     * client, until the test lets it go.
     */
    static class HeldServices extends FakeServices {
        static final String DOWN = "the referral service (/api/v1/referrals/batch), which is unavailable (503)";
        private volatile CountDownLatch held = new CountDownLatch(1);

        @Override
        public List<RowAnswer> submit(Region region, List<JourneyRow> rows, String correlationId, String batchKey) {
            if (held.getCount() > 0 && rows.stream().anyMatch(row -> row.clientId().startsWith("down-"))) {
                throw new ServiceUnavailableException(DOWN, null);
            }
            if (rows.stream().anyMatch(row -> row.clientId().startsWith("held-"))) {
                try {
                    held.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.submit(region, rows, correlationId, batchKey);
        }

        void letGo() {
            held.countDown();
        }

        @Override
        synchronized void reset() {
            super.reset();
            held.countDown();
            held = new CountDownLatch(1);
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    HeldServices services;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ImportStore store;
    @Autowired
    ImportRunner runner;

    @BeforeEach
    void freshServices() {
        services.reset();
    }

    @Test
    void anImportAnswersItsReportWithEveryRefusedRowsNumberFieldAndRule() throws Exception {
        upload("14", false, FILE)
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", containsString("/api/v1/imports/")))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.rows").value(6))
                .andExpect(jsonPath("$.processed").value(6))
                .andExpect(jsonPath("$.accepted").value(4))
                .andExpect(jsonPath("$.alreadyStored").value(0))
                .andExpect(jsonPath("$.refused").value(2))
                .andExpect(jsonPath("$.problems", hasSize(2)))
                .andExpect(jsonPath("$.problems[0].row").value(5))
                .andExpect(jsonPath("$.problems[0].field").value("clientId"))
                .andExpect(jsonPath("$.problems[0].rule").value("not-found"))
                .andExpect(jsonPath("$.problems[1].row").value(7))
                .andExpect(jsonPath("$.problems[1].field").value("date"))
                .andExpect(jsonPath("$.problems[1].rule").value("date-format"));
        assertThat(services.stored).containsExactly("c-1 REFERRED", "c-1 AGREEMENT_SIGNED", "c-1 JOB_STARTED c-1-job",
                "c-1 JOB_ENDED c-1-job");
    }

    /** The same file again stores nothing new, reports the same rows and problems, and that every accepted row was stored before. */
    @Test
    void theSameFileAgainStoresNothingNewAndReportsTheSame() throws Exception {
        String first = upload("14", false, FILE).andExpect(jsonPath("$.alreadyStored").value(0)).andReturn().getResponse().getContentAsString();
        List<String> stored = List.copyOf(services.stored);
        String second = upload("14", false, FILE).andExpect(status().isCreated())
                .andExpect(jsonPath("$.alreadyStored").value(4))
                .andReturn().getResponse().getContentAsString();
        assertThat(services.stored).containsExactlyElementsOf(stored);
        for (String figure : List.of("$.accepted", "$.refused", "$.problems")) {
            assertThat((Object) JsonPath.read(second, figure)).isEqualTo(JsonPath.read(first, figure));
        }
    }

    @Test
    void aDryRunChecksEveryRowAndSubmitsNothing() throws Exception {
        String report = upload("14", true, FILE)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.dryRun").value(true))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.accepted").value(5))
                .andExpect(jsonPath("$.refused").value(1))
                .andExpect(jsonPath("$.problems[0].row").value(7))
                .andReturn().getResponse().getContentAsString();
        assertThat(services.calls).isEmpty();
        UUID id = UUID.fromString(JsonPath.read(report, "$.id"));
        assertThat(jdbc.queryForObject("select count(*) from import_rows where import_id = ?", Long.class, id)).isZero();
    }

    @Test
    void anExcelWorkbookCanBeUploadedAsAFormsFilePart() throws Exception {
        byte[] workbook = workbook(List.of(List.of("clientId", "event", "date", "source"),
                List.of("x-1", "AGREEMENT_SIGNED", LocalDate.of(2022, 3, 9), ""),
                List.of("x-1", "REFERRED", LocalDate.of(2022, 3, 1), "SELF_REFERRAL")));
        mvc.perform(multipart("/api/v1/imports").file(new MockMultipartFile("file", "history.xlsx", ImportController.XLSX, workbook))
                        .param("region", "14").with(county("14")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.accepted").value(2));
        assertThat(services.stored).containsExactly("x-1 REFERRED", "x-1 AGREEMENT_SIGNED");
    }

    @Test
    void aCountyImportsOnlyForItsOwnRegionAndSeesOnlyItsOwnImports() throws Exception {
        long before = imports();
        problem(upload("16", false, FILE), 403, "own-region-only");
        problem(upload("99", false, FILE), 422, "region-code");
        assertThat(imports()).isEqualTo(before);
        String location = upload("14", true, FILE).andReturn().getResponse().getHeader("Location");
        problem(mvc.perform(get(location).with(county("16"))), 404, "not-found");
        mvc.perform(get(location).with(county("14"))).andExpect(status().isOk()).andExpect(jsonPath("$.region").value("14"));
    }

    @Test
    void aFileRefusedAsAWholeLeavesNothingBehind() throws Exception {
        long before = imports();
        problem(upload("14", false, "clientId,event,date,hetu\nc-1,REFERRED,2022-03-01,x\n"), 422, "unknown-column")
                .andExpect(jsonPath("$.errors[0].field").value("header"));
        problem(upload("14", false, "clientId,event,date\n"), 422, "no-rows");
        assertThat(imports()).isEqualTo(before);
        assertThat(services.calls).isEmpty();
    }

    @Test
    void aLongImportAnswers202AndItsLocationShowsTheProgressUntilItIsDone() throws Exception {
        // A round takes 1000 clients (in client id order): the first round goes through, the second, held-1's, waits for the test.
        StringBuilder csv = new StringBuilder("clientId,event,date,source\n");
        for (int client = 0; client < 1000; client++) {
            csv.append("early-%04d,REFERRED,2022-03-01,SELF_REFERRAL\n".formatted(client));
        }
        csv.append("held-1,REFERRED,2022-03-01,SELF_REFERRAL\n");
        try {
            String location = upload("14", false, csv.toString())
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.status").value("SUBMITTING"))
                    .andExpect(jsonPath("$.rows").value(1001))
                    .andReturn().getResponse().getHeader("Location");
            await().untilAsserted(() -> mvc.perform(get(location).with(county("14")))
                    .andExpect(jsonPath("$.status").value("SUBMITTING"))
                    .andExpect(jsonPath("$.rows").value(1001))
                    .andExpect(jsonPath("$.processed").value(1000))
                    .andExpect(jsonPath("$.accepted").value(1000)));

            services.letGo();
            await().untilAsserted(() -> mvc.perform(get(location).with(county("14")))
                    .andExpect(jsonPath("$.status").value("COMPLETED"))
                    .andExpect(jsonPath("$.processed").value(1001))
                    .andExpect(jsonPath("$.accepted").value(1001)));
        } finally {
            services.letGo();
        }
    }

    @Test
    void importsBeyondThoseRunningAtOnceWaitTheirTurn() throws Exception {
        try {
            List<String> locations = acceptedReferralImports("held-first", "held-second", "held-third");
            for (String running : locations.subList(0, 2)) {
                mvc.perform(get(running).with(county("14"))).andExpect(jsonPath("$.status").value("SUBMITTING"));
            }
            mvc.perform(get(locations.get(2)).with(county("14")))
                    .andExpect(jsonPath("$.status").value("QUEUED"))
                    .andExpect(jsonPath("$.waitingFor").value("its turn, after 2 imports queued before it"))
                    .andExpect(jsonPath("$.waitingSince").isEmpty())
                    .andExpect(jsonPath("$.processed").value(0));

            services.letGo();
            for (String location : locations) {
                await().untilAsserted(() -> mvc.perform(get(location).with(county("14")))
                        .andExpect(jsonPath("$.status").value("COMPLETED"))
                        .andExpect(jsonPath("$.accepted").value(1)));
            }
        } finally {
            services.letGo();
        }
    }

    @Test
    void anImportAServiceDoesNotTakeSaysWhatItWaitsForAndSoDoThoseQueuedBehindIt() throws Exception {
        try {
            List<String> locations = acceptedReferralImports("down-1", "down-2", "c-queued");
            for (String waiting : locations.subList(0, 2)) {
                await().untilAsserted(() -> mvc.perform(get(waiting).with(county("14")))
                        .andExpect(jsonPath("$.status").value("SUBMITTING"))
                        .andExpect(jsonPath("$.waitingFor").value(HeldServices.DOWN))
                        .andExpect(jsonPath("$.waitingSince").isNotEmpty()));
            }
            mvc.perform(get(locations.get(2)).with(county("14")))
                    .andExpect(jsonPath("$.status").value("QUEUED"))
                    .andExpect(jsonPath("$.waitingFor").value("its turn, after 2 imports queued before it, which wait for " + HeldServices.DOWN))
                    .andExpect(jsonPath("$.waitingSince").isNotEmpty());

            services.letGo();
            for (String location : locations) {
                await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> mvc.perform(get(location).with(county("14")))
                        .andExpect(jsonPath("$.status").value("COMPLETED"))
                        .andExpect(jsonPath("$.accepted").value(1))
                        .andExpect(jsonPath("$.waitingFor").isEmpty())
                        .andExpect(jsonPath("$.waitingSince").isEmpty()));
            }
        } finally {
            services.letGo();
        }
    }

    @Test
    void whatAnImportWaitsForIsKeptSinceItsFirstFailureAndClearedWhenABatchIsTakenAgain() {
        UUID id = store.create(Region.ofCode("14"), false, "region-14");
        store.status(id, ImportStatus.SUBMITTING);
        store.waitingFor(id, "the referral service (/api/v1/referrals/batch), which is unavailable (503)");
        ImportReport first = store.report(id).orElseThrow();
        assertThat(first.waitingSince()).isNotNull();

        store.waitingFor(id, "the referral service (/api/v1/referrals/batch), which timed out (504)");
        assertThat(store.report(id).orElseThrow()).returns("the referral service (/api/v1/referrals/batch), which timed out (504)", ImportReport::waitingFor)
                .returns(first.waitingSince(), ImportReport::waitingSince);

        store.waitingFor(id, null);
        assertThat(store.report(id).orElseThrow()).returns(null, ImportReport::waitingFor).returns(null, ImportReport::waitingSince);
    }

    @Test
    void aBatchMetByAnOutageIsSentAgainAndNoRowIsCountedTwice() throws Exception {
        String location = upload("14", false, "clientId,event,date,source\nflaky-1,REFERRED,2022-03-01,SELF_REFERRAL\n"
                + "c-9,REFERRED,2022-03-01,SELF_REFERRAL\nflaky-1,AGREEMENT_SIGNED,2022-03-09,\n")
                .andReturn().getResponse().getHeader("Location");
        await().untilAsserted(() -> mvc.perform(get(location).with(county("14")))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.processed").value(3))
                .andExpect(jsonPath("$.accepted").value(3)));
        assertThat(services.calls).containsExactly("c-9 REFERRED", "flaky-1 REFERRED", "c-9 REFERRED", "flaky-1 REFERRED",
                "flaky-1 AGREEMENT_SIGNED");
        // Sent again under the same name: a service that had stored it before the outage answers as the first time.
        assertThat(services.batchKeys).hasSize(3).element(1).isEqualTo(services.batchKeys.get(0));
        assertThat(services.stored).containsExactly("c-9 REFERRED", "flaky-1 REFERRED", "flaky-1 AGREEMENT_SIGNED");
    }

    @Test
    void aJobWhoseAgreementIsStillOnItsWayIsSentAgainAndTheJourneyGoesOn() throws Exception {
        String location = upload("14", false, """
                clientId,event,date,source,placementId,jobType,reason
                lagging-1,REFERRED,2022-02-01,SELF_REFERRAL,,,
                lagging-1,AGREEMENT_SIGNED,2022-03-01,,,,
                lagging-1,JOB_STARTED,2022-04-01,,l-job,PAID_OPEN_MARKET,
                lagging-1,JOB_ENDED,2022-06-30,,l-job,,CONTRACT_ENDED
                """).andReturn().getResponse().getHeader("Location");
        await().untilAsserted(() -> mvc.perform(get(location).with(county("14")))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.accepted").value(4))
                .andExpect(jsonPath("$.refused").value(0)));
        assertThat(services.calls).containsExactly("lagging-1 REFERRED", "lagging-1 AGREEMENT_SIGNED", "lagging-1 JOB_STARTED",
                "lagging-1 JOB_STARTED", "lagging-1 JOB_ENDED");
    }

    @Test
    void anImportLeftUnfinishedByARestartGoesOnWhereItStopped() throws Exception {
        UUID id = store.create(Region.ofCode("14"), false, "region-14");
        store.received(id, List.of(
                new JourneyRow(2, "r-1", RowEvent.REFERRED, LocalDate.of(2022, 3, 1), Map.of("source", "SELF_REFERRAL")),
                new JourneyRow(3, "r-1", RowEvent.AGREEMENT_SIGNED, LocalDate.of(2022, 3, 9), Map.of())), List.of(), false);
        store.status(id, ImportStatus.SUBMITTING);
        runner.resumeUnfinished();
        await().until(() -> store.report(id).orElseThrow().status() == ImportStatus.COMPLETED);
        assertThat(store.report(id).orElseThrow().accepted()).isEqualTo(2);
        assertThat(services.stored).containsExactly("r-1 REFERRED", "r-1 AGREEMENT_SIGNED");
    }

    @Test
    void anImportTheServicesDoNotLetThroughFailsWithTheReasonAndKeepsItsRows() throws Exception {
        String report = upload("14", false, "clientId,event,date,source\nlocked-out-1,REFERRED,2022-03-01,SELF_REFERRAL\n")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.failure", containsString("identity")))
                .andExpect(jsonPath("$.processed").value(0))
                .andReturn().getResponse().getContentAsString();
        UUID id = UUID.fromString(JsonPath.read(report, "$.id"));
        // The rows not submitted are kept, values and all, for the import to go on once the services let it through.
        assertThat(store.rowsOf(id, List.of("locked-out-1")).get("locked-out-1"))
                .containsExactly(new JourneyRow(2, "locked-out-1", RowEvent.REFERRED, LocalDate.of(2022, 3, 1), Map.of("source", "SELF_REFERRAL")));
    }

    /** An import of each client's referral, one after another, each still under way when answered (202): their locations. */
    private List<String> acceptedReferralImports(String... clients) throws Exception {
        List<String> locations = new ArrayList<>();
        for (String client : clients) {
            locations.add(upload("14", false, "clientId,event,date,source\n" + client + ",REFERRED,2022-03-01,SELF_REFERRAL\n")
                    .andExpect(status().isAccepted())
                    .andReturn().getResponse().getHeader("Location"));
        }
        return locations;
    }

    private ResultActions upload(String region, boolean dryRun, String csv) throws Exception {
        return mvc.perform(post("/api/v1/imports").param("region", region).param("dryRun", Boolean.toString(dryRun))
                .contentType(ImportController.CSV).content(csv.getBytes(StandardCharsets.UTF_8)).with(county("14")));
    }

    private long imports() {
        return jdbc.queryForObject("select count(*) from imports", Long.class);
    }

    private static byte[] workbook(List<List<Object>> rows) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(file, "test", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("journeys");
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object value = rows.get(r).get(c);
                    if (value instanceof LocalDate date) {
                        sheet.value(r, c, date);
                        sheet.style(r, c).format("d.m.yyyy").set();
                    } else {
                        sheet.value(r, c, value.toString());
                    }
                }
            }
        }
        return file.toByteArray();
    }
}
