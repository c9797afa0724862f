package fi.ips.imports.journey;

import com.sun.net.httpserver.HttpServer;
import fi.ips.events.Region;
import fi.ips.imports.journey.JourneyApi.RowAnswer;
import fi.ips.imports.row.JourneyRow;
import fi.ips.imports.row.RowEvent;
import fi.ips.imports.row.RowProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch requests as the services receive them, against a stub of both services' batch endpoints. */
class ServiceApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Region REGION = Region.ofCode("14");

    private record Request(String path, String query, String correlationId, String idempotencyKey, JsonNode body) {
        List<JsonNode> items() {
            return body.path("items").valueStream().toList();
        }
    }

    private record Response(int status, String body) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** The stub's answer: by default every item accepted. */
    private volatile Function<Request, Response> answer = request -> answer(request, Map.of());
    private HttpServer server;
    private ServiceApi api;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Request request = new Request(exchange.getRequestURI().getPath(), exchange.getRequestURI().getQuery(),
                    exchange.getRequestHeaders().getFirst("X-Correlation-Id"), exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    JSON.readTree(exchange.getRequestBody()));
            requests.add(request);
            Response response = answer.apply(request);
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        RestClient services = RestClient.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).build();
        api = new ServiceApi(services, services);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void eachRowIsItsSingleEndpointsBodyAsAnItemOfItsServicesBatch() {
        List<RowAnswer> outcomes = api.submit(REGION, List.of(
                row(2, RowEvent.REFERRED, Map.of("source", "SELF_REFERRAL", "ageGroup", "25-34")),
                row(3, RowEvent.JOB_STARTED, Map.of("placementId", "j-1", "jobType", "PAID_OPEN_MARKET", "weeklyHours", "20",
                        "employerSector", "PRIVATE", "occupation", "5", "fixedTerm", "false")),
                row(4, RowEvent.REFERRAL_DECLINED, Map.of("reason", "SERVICE_FULL")),
                row(5, RowEvent.STUDIES_STARTED, Map.of("placementId", "s-1")),
                row(6, RowEvent.REFERRAL_WITHDRAWN, Map.of()),
                row(7, RowEvent.JOB_ENDED, Map.of("placementId", "j-1", "reason", "CONTRACT_ENDED")),
                row(8, RowEvent.AGREEMENT_SIGNED, Map.of()),
                row(9, RowEvent.STUDIES_ENDED, Map.of("placementId", "s-1", "reason", "COMPLETED")),
                row(10, RowEvent.SERVICE_ENDED, Map.of("reason", "GOAL_ACHIEVED"))), "import-x-rows-2", "import-x-enrolment-0");
        assertThat(outcomes).hasSize(9).allMatch(RowAnswer::accepted);
        assertThat(requests).extracting(Request::path).containsExactly("/api/v1/referrals/batch", "/api/v1/placements/batch");
        assertThat(requests).extracting(Request::correlationId).containsOnly("import-x-rows-2");
        // The import service may write every region: each batch is kept to the import's.
        assertThat(requests).extracting(Request::query).containsOnly("region=14");
        assertThat(requests.get(0).body()).isEqualTo(JSON.readTree("""
                {"items":[
                 {"operation":"refer","body":{"clientId":"c-1","region":"14","referredOn":"2022-03-01","source":"SELF_REFERRAL","ageGroup":"25-34"}},
                 {"operation":"decline","id":"c-1","body":{"on":"2022-03-01","reason":"SERVICE_FULL"}},
                 {"operation":"withdraw","id":"c-1","body":{"on":"2022-03-01"}},
                 {"operation":"agreement","id":"c-1","body":{"signedOn":"2022-03-01"}},
                 {"operation":"end","id":"c-1","body":{"endedOn":"2022-03-01","reason":"GOAL_ACHIEVED"}}]}"""));
        assertThat(requests.get(1).body()).isEqualTo(JSON.readTree("""
                {"items":[
                 {"operation":"start-job","body":{"jobId":"j-1","clientId":"c-1","startedOn":"2022-03-01","jobType":"PAID_OPEN_MARKET",
                  "weeklyHours":20,"employerSector":"PRIVATE","occupation":5,"fixedTerm":false}},
                 {"operation":"start-studies","body":{"studyId":"s-1","clientId":"c-1","startedOn":"2022-03-01"}},
                 {"operation":"end-job","id":"j-1","body":{"endedOn":"2022-03-01","reason":"CONTRACT_ENDED","clientId":"c-1"}},
                 {"operation":"end-studies","id":"s-1","body":{"endedOn":"2022-03-01","reason":"COMPLETED","clientId":"c-1"}}]}"""));
    }

    @Test
    void aBatchHoldsAtMostAThousandItemsAndEachAnswerGoesBackToItsRow() {
        List<JourneyRow> rows = IntStream.range(0, 2500)
                .mapToObj(i -> new JourneyRow(i + 2, "c-" + i, RowEvent.AGREEMENT_SIGNED, LocalDate.of(2022, 3, 1), Map.of())).toList();
        answer = request -> answer(request, request.items().get(7).path("id").asString().equals("c-1007")
                ? Map.of(7, "{\"status\":404,\"rule\":\"not-found\",\"detail\":\"No client with this id\"}") : Map.of());
        List<RowAnswer> outcomes = api.submit(REGION, rows, "import-x", "import-x-enrolment-0");
        assertThat(requests).extracting(request -> request.items().size()).containsExactly(1000, 1000, 500);
        assertThat(requests.get(1).items().get(0).path("id").asString()).isEqualTo("c-1000");
        // Each batch its own key, named by the submission and its rows: the same whenever the same rows go again, under the same name.
        List<String> keys = requests.stream().map(Request::idempotencyKey).toList();
        assertThat(keys).doesNotHaveDuplicates().allMatch(key -> key.matches("import-x-enrolment-0-[0-9a-f]{32}"));
        requests.clear();
        api.submit(REGION, rows, "import-x", "import-x-enrolment-0");
        assertThat(requests).extracting(Request::idempotencyKey).containsExactlyElementsOf(keys);
        requests.clear();
        api.submit(REGION, rows, "import-x", "import-x-enrolment-1");
        assertThat(requests).extracting(Request::idempotencyKey).allMatch(key -> key.startsWith("import-x-enrolment-1-"));
        assertThat(requests.get(2).items().get(499).path("id").asString()).isEqualTo("c-2499");
        assertThat(outcomes).hasSize(2500);
        assertThat(outcomes.get(1007)).isEqualTo(RowAnswer.refused(new RowProblem(1009, "clientId", "not-found", "No client with this id")));
        assertThat(outcomes.stream().filter(answer -> !answer.accepted())).hasSize(1);
    }

    @Test
    void aRefusedItemsProblemNamesTheFilesColumn() {
        List<JourneyRow> rows = List.of(
                row(2, RowEvent.AGREEMENT_SIGNED, Map.of()),
                row(3, RowEvent.AGREEMENT_SIGNED, Map.of()),
                row(4, RowEvent.JOB_ENDED, Map.of("placementId", "j-1", "reason", "CONTRACT_ENDED")),
                row(5, RowEvent.JOB_ENDED, Map.of("placementId", "j-2", "reason", "CONTRACT_ENDED")),
                row(6, RowEvent.JOB_STARTED, Map.of("placementId", "j-3", "jobType", "PAID_OPEN_MARKET")),
                row(7, RowEvent.SERVICE_ENDED, Map.of("reason", "GOAL_ACHIEVED")),
                row(8, RowEvent.STUDIES_STARTED, Map.of("placementId", "s-1")));
        answer = request -> answer(request, request.path().contains("referrals") ? Map.of(
                0, "{\"status\":422,\"rule\":\"agreement-before-referral\",\"detail\":\"d\","
                        + "\"errors\":[{\"field\":\"signedOn\",\"rule\":\"agreement-before-referral\",\"message\":\"signedOn is before the referral\"}]}",
                1, "{\"status\":404,\"rule\":\"not-found\",\"detail\":\"No client with this id\"}",
                2, "{\"status\":409,\"rule\":\"client-ended\",\"detail\":\"The client's service has ended\"}") : Map.of(
                0, "{\"status\":404,\"rule\":\"not-found\",\"detail\":\"No placement with this id\"}",
                1, "{\"status\":409,\"rule\":\"placement-of-another-client\",\"detail\":\"d\","
                        + "\"errors\":[{\"field\":\"clientId\",\"rule\":\"placement-of-another-client\",\"message\":\"This placement belongs to another client\"}]}",
                2, "{\"status\":409,\"rule\":\"placement-already-exists\",\"detail\":\"d\","
                        + "\"errors\":[{\"field\":\"id\",\"rule\":\"placement-already-exists\",\"message\":\"This id is already used\"}]}",
                3, "{\"status\":422,\"rule\":\"validation\",\"detail\":\"Invalid fields: level (not-null)\","
                        + "\"errors\":[{\"field\":\"level\",\"rule\":\"not-null\",\"message\":\"must not be null\"}]}"));
        assertThat(api.submit(REGION, rows, "import-x", "import-x-enrolment-0")).containsExactly(
                RowAnswer.refused(new RowProblem(2, "date", "agreement-before-referral", "signedOn is before the referral")),
                RowAnswer.refused(new RowProblem(3, "clientId", "not-found", "No client with this id")),
                RowAnswer.refused(new RowProblem(4, "placementId", "not-found", "No placement with this id")),
                RowAnswer.refused(new RowProblem(5, "clientId", "placement-of-another-client", "This placement belongs to another client")),
                RowAnswer.refused(new RowProblem(6, "placementId", "placement-already-exists", "This id is already used")),
                RowAnswer.refused(new RowProblem(7, null, "client-ended", "The client's service has ended")),
                RowAnswer.refused(new RowProblem(8, "studyLevel", "not-null", "must not be null")));
    }

    @Test
    void anOutageAnOverloadOrAnUnreadableAnswerIsTheServiceBeingUnavailable() {
        // 409: the same batch, sent before a restart, still being applied.
        for (int status : new int[]{500, 502, 503, 504, 408, 409, 429}) {
            answer = request -> new Response(status, "{\"status\":" + status + ",\"rule\":\"storage-unavailable\"}");
            assertThatThrownBy(() -> api.submit(REGION, List.of(row(2, RowEvent.AGREEMENT_SIGNED, Map.of())), "import-x", "import-x-enrolment-0"))
                    .as("status %d", status)
                    .isInstanceOf(JourneyApi.ServiceUnavailableException.class)
                    .hasMessageStartingWith("the referral service (/api/v1/referrals/batch), which ")
                    .hasMessageEndingWith(" (" + status + ")");
        }
        answer = request -> new Response(503, "{\"status\":503,\"rule\":\"storage-unavailable\"}");
        assertThatThrownBy(() -> api.submit(REGION, List.of(row(2, RowEvent.AGREEMENT_SIGNED, Map.of())), "import-x", "import-x-enrolment-0"))
                .hasMessage("the referral service (/api/v1/referrals/batch), which is unavailable (503)");
        answer = request -> new Response(200, "{\"accepted\":1,\"items\":[{\"item\":0,");
        assertThatThrownBy(() -> api.submit(REGION, List.of(row(2, RowEvent.AGREEMENT_SIGNED, Map.of())), "import-x", "import-x-enrolment-0"))
                .isInstanceOf(JourneyApi.ServiceUnavailableException.class)
                .hasMessage("the referral service (/api/v1/referrals/batch), whose answer could not be read");
        server.stop(0);
        // The report shows the message to the county: the service, not its address.
        assertThatThrownBy(() -> api.submit(REGION, List.of(row(2, RowEvent.JOB_STARTED, Map.of("placementId", "j-1"))), "import-x", "import-x-enrolment-0"))
                .isInstanceOf(JourneyApi.ServiceUnavailableException.class)
                .hasMessage("the placement service (/api/v1/placements/batch), which did not answer")
                .cause().isNotNull();
    }

    @Test
    void theImportServicesOwnIdentityRefusedStopsEveryRow() {
        for (int status : new int[]{401, 403}) {
            answer = request -> new Response(status, "");
            assertThatThrownBy(() -> api.submit(REGION, List.of(row(2, RowEvent.AGREEMENT_SIGNED, Map.of())), "import-x", "import-x-enrolment-0"))
                    .isInstanceOf(JourneyApi.NotAuthorisedException.class)
                    .hasMessageContaining(status + " to the import service's own token");
        }
    }

    @Test
    void aBatchTheServiceCannotTakeIsTheImportServicesOwnErrorAndNoRowsNoRequest() {
        answer = request -> new Response(413, "{\"status\":413,\"rule\":\"batch-too-large\"}");
        assertThatThrownBy(() -> api.submit(REGION, List.of(row(2, RowEvent.AGREEMENT_SIGNED, Map.of())), "import-x", "import-x-enrolment-0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("batch-too-large");
        requests.clear();
        assertThat(api.submit(REGION, List.of(), "import-x", "import-x-enrolment-0")).isEmpty();
        assertThat(requests).isEmpty();
    }

    /** An item the service stored before (the same file imported again) is the row stored before. */
    @Test
    void anItemStoredBeforeIsARowStoredBefore() {
        answer = request -> new Response(200, """
                {"accepted":2,"refused":0,"items":[{"item":0,"accepted":true,"id":"c-1","alreadyStored":true},
                {"item":1,"accepted":true,"id":"c-1","alreadyStored":false}]}""");
        assertThat(api.submit(REGION, List.of(row(2, RowEvent.REFERRED, Map.of("source", "SELF_REFERRAL")), row(3, RowEvent.AGREEMENT_SIGNED, Map.of())),
                "import-x", "import-x-enrolment-0")).containsExactly(RowAnswer.stored(true), RowAnswer.stored(false));
    }

    /** 200 with every item accepted but those given, refused with their problem+json. */
    private static Response answer(Request request, Map<Integer, String> problems) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode items = answer.putArray("items");
        for (int i = 0; i < request.items().size(); i++) {
            ObjectNode item = items.addObject().put("item", i).put("accepted", !problems.containsKey(i));
            if (problems.containsKey(i)) {
                item.set("problem", JSON.readTree(problems.get(i)));
            }
        }
        answer.put("accepted", request.items().size() - problems.size()).put("refused", problems.size());
        return new Response(200, JSON.writeValueAsString(answer));
    }

    private static JourneyRow row(long number, RowEvent event, Map<String, String> fields) {
        return new JourneyRow(number, "c-1", event, LocalDate.of(2022, 3, 1), fields);
    }
}
