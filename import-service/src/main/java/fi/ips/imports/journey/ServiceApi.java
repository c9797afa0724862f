package fi.ips.imports.journey;

import com.fasterxml.jackson.annotation.JsonInclude;
import fi.ips.events.Region;
import fi.ips.imports.row.JourneyRow;
import fi.ips.imports.row.RowProblem;
import fi.ips.support.tracing.CorrelationId;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static fi.ips.imports.row.Columns.AGE_GROUP;
import static fi.ips.imports.row.Columns.CLIENT_ID;
import static fi.ips.imports.row.Columns.DATE;
import static fi.ips.imports.row.Columns.EMPLOYER_SECTOR;
import static fi.ips.imports.row.Columns.FIXED_TERM;
import static fi.ips.imports.row.Columns.JOB_TYPE;
import static fi.ips.imports.row.Columns.OCCUPATION;
import static fi.ips.imports.row.Columns.PLACEMENT_ID;
import static fi.ips.imports.row.Columns.REASON;
import static fi.ips.imports.row.Columns.SOURCE;
import static fi.ips.imports.row.Columns.STUDY_LEVEL;
import static fi.ips.imports.row.Columns.WEEKLY_HOURS;

/**
 * The rows as items of the services' batch APIs ({@code POST /api/v1/referrals/batch},
 * {@code /api/v1/placements/batch}), made with the import service's own token. Each item is the
 * single endpoint's body; a refused item's problem+json names an API field, the report names the
 * file's column instead.
 */
class ServiceApi implements JourneyApi {

    /** The most items the services take in one batch (CommandBatch.MAX_ITEMS in service-support). */
    static final int MAX_ITEMS = 1000;
    static final String REFERRALS = "/api/v1/referrals/batch";
    static final String PLACEMENTS = "/api/v1/placements/batch";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** API fields that are a column of the file under another name. */
    private static final Map<String, String> COLUMN_OF_FIELD = Map.of(
            "referredOn", DATE, "signedOn", DATE, "endedOn", DATE, "startedOn", DATE, "on", DATE,
            "jobId", PLACEMENT_ID, "studyId", PLACEMENT_ID, "id", PLACEMENT_ID, "level", STUDY_LEVEL);

    /** One operation: {@code id} names the record it is about, left out for a new one (its body names it). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(String operation, String id, Map<String, Object> body) {
    }

    record Batch(List<Item> items) {
    }

    record ItemAnswer(int item, boolean accepted, String id, Boolean alreadyStored, JsonNode problem) {
    }

    record Answer(int accepted, int refused, List<ItemAnswer> items) {
    }

    private final RestClient referrals;
    private final RestClient placements;
    private final JsonMapper json = JsonMapper.builder().build();

    ServiceApi(RestClient referrals, RestClient placements) {
        this.referrals = referrals;
        this.placements = placements;
    }

    @Override
    public List<RowAnswer> submit(Region region, List<JourneyRow> rows, String correlationId, String batchKey) {
        List<Integer> toReferrals = new ArrayList<>();
        List<Integer> toPlacements = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (rows.get(i).event().isPlacement() ? toPlacements : toReferrals).add(i);
        }
        List<RowAnswer> outcomes = new ArrayList<>(Collections.nCopies(rows.size(), null));
        // Referrals first: an agreement the placements may need is then on its way already.
        submit(referrals, REFERRALS, region, rows, toReferrals, correlationId, batchKey, outcomes);
        submit(placements, PLACEMENTS, region, rows, toPlacements, correlationId, batchKey, outcomes);
        return outcomes;
    }

    /** The rows at {@code indexes}, in batches the service takes, their outcomes set at the same indexes. */
    private void submit(RestClient service, String path, Region region, List<JourneyRow> rows, List<Integer> indexes,
                        String correlationId, String batchKey, List<RowAnswer> outcomes) {
        for (int from = 0; from < indexes.size(); from += MAX_ITEMS) {
            List<Integer> batch = indexes.subList(from, Math.min(from + MAX_ITEMS, indexes.size()));
            List<RowAnswer> answers = post(service, path, region, batch.stream().map(rows::get).toList(), correlationId, batchKey);
            for (int i = 0; i < batch.size(); i++) {
                outcomes.set(batch.get(i), answers.get(i));
            }
        }
    }

    /**
     * @param batchKey with the request's own digest, the batch's Idempotency-Key: the same rows sent
     *                 again (after an outage, or by an import resumed after a restart) are answered as
     *                 the first time, so that rows this import stored are not reported as stored before
     *                 and nothing is applied twice; other rows are never taken for them
     */
    private List<RowAnswer> post(RestClient service, String path, Region region, List<JourneyRow> rows, String correlationId, String batchKey) {
        String request = json.writeValueAsString(new Batch(rows.stream().map(row -> item(region, row)).toList()));
        String key = batchKey + "-" + digest(request);
        ResponseEntity<String> response;
        Answer answer;
        try {
            // ?region= keeps the batch to the import's region: the import service's own token may write every region.
            response = service.post().uri(path + "?region={region}", region.code()).contentType(MediaType.APPLICATION_JSON).header(CorrelationId.HEADER, correlationId)
                    .header(IDEMPOTENCY_KEY, key)
                    .body(request).retrieve()
                    .onStatus(HttpStatusCode::isError, (r, ignored) -> { })
                    .toEntity(String.class);
            refuseUnlessSuccessful(path, response, rows.size());
            answer = json.readValue(response.getBody(), Answer.class);
        } catch (ResourceAccessException e) {
            throw new ServiceUnavailableException(serviceOf(path) + ", which did not answer", e);
        } catch (JacksonException e) {
            throw new ServiceUnavailableException(serviceOf(path) + ", whose answer could not be read", e);
        }
        if (answer.items() == null || answer.items().size() != rows.size()) {
            throw new IllegalStateException(path + " answered " + (answer.items() == null ? 0 : answer.items().size())
                    + " items of a batch of " + rows.size());
        }
        List<RowAnswer> outcomes = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ItemAnswer item = answer.items().get(i);
            if (item.item() != i) {
                throw new IllegalStateException(path + " answered item " + item.item() + " in the place of item " + i);
            }
            outcomes.add(item.accepted() ? RowAnswer.stored(Boolean.TRUE.equals(item.alreadyStored()))
                    : RowAnswer.refused(problem(rows.get(i), item.problem())));
        }
        return outcomes;
    }

    /**
     * The service as the import's report names it (what the import is "waiting for"): not its address,
     * which is the platform's own business.
     */
    private static String serviceOf(String path) {
        return (path.equals(REFERRALS) ? "the referral service" : "the placement service") + " (" + path + ")";
    }

    /** The first 16 bytes of the request's SHA-256, in hex. */
    private static String digest(String request) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A batch answered as a whole: the import service's identity refused, an outage, or a batch the service cannot take. */
    private static void refuseUnlessSuccessful(String path, ResponseEntity<String> response, int items) {
        HttpStatusCode status = response.getStatusCode();
        int code = status.value();
        if (code == 401 || code == 403) {
            throw new NotAuthorisedException(path + " answered " + code + " to the import service's own token");
        }
        if (status.is5xxServerError() || code == 408 || code == 409 || code == 429) {
            throw new ServiceUnavailableException(serviceOf(path) + ", which " + switch (code) {
                // The same batch, sent before (by this import before a restart), is still being applied.
                case 409 -> "is still applying this batch, sent before";
                case 429 -> "is overloaded";
                case 408, 504 -> "timed out";
                default -> "is unavailable";
            } + " (" + code + ")", null);
        }
        if (!status.is2xxSuccessful()) {
            // Never a row's fault (each item is answered on its own): the import service's own mistake.
            throw new IllegalStateException(path + " refused a batch of " + items + " items: " + code + " " + response.getBody());
        }
    }

    private static Item item(Region region, JourneyRow row) {
        String client = row.clientId();
        String placement = row.field(PLACEMENT_ID);
        String date = row.date().toString();
        return switch (row.event()) {
            case REFERRED -> new Item("refer", null, body("clientId", client, "region", region.code(), "referredOn", date,
                    "source", row.field(SOURCE), "ageGroup", row.field(AGE_GROUP)));
            case REFERRAL_DECLINED -> new Item("decline", client, body("on", date, "reason", row.field(REASON)));
            case REFERRAL_WITHDRAWN -> new Item("withdraw", client, body("on", date));
            case AGREEMENT_SIGNED -> new Item("agreement", client, body("signedOn", date));
            case SERVICE_ENDED -> new Item("end", client, body("endedOn", date, "reason", row.field(REASON)));
            case JOB_STARTED -> new Item("start-job", null, body("jobId", placement, "clientId", client, "startedOn", date,
                    "jobType", row.field(JOB_TYPE), "weeklyHours", number(row.field(WEEKLY_HOURS)),
                    "employerSector", row.field(EMPLOYER_SECTOR), "occupation", number(row.field(OCCUPATION)),
                    "fixedTerm", truth(row.field(FIXED_TERM))));
            case STUDIES_STARTED -> new Item("start-studies", null, body("studyId", placement, "clientId", client, "startedOn", date,
                    "level", row.field(STUDY_LEVEL)));
            // The end names the client too: the service refuses the end of another client's placement.
            case JOB_ENDED -> new Item("end-job", placement, body("endedOn", date, "reason", row.field(REASON), "clientId", client));
            case STUDIES_ENDED -> new Item("end-studies", placement, body("endedOn", date, "reason", row.field(REASON), "clientId", client));
        };
    }

    /** A refused item's problem+json, naming the file's column: a 404 without a field is the row's client or placement. */
    private static RowProblem problem(JourneyRow row, JsonNode problem) {
        int code = problem.path("status").asInt();
        JsonNode error = problem.path("errors").path(0);
        String rule = error.path("rule").asString(problem.path("rule").asString("refused"));
        String field = error.path("field").asString(code == 404 ? (row.event().isPlacement() ? PLACEMENT_ID : CLIENT_ID) : "");
        String message = error.path("message").asString(problem.path("detail").asString("refused (" + code + ")"));
        String column = COLUMN_OF_FIELD.getOrDefault(field, field);
        return new RowProblem(row.number(), column.isEmpty() ? null : column, rule, message);
    }

    private static Integer number(String value) {
        return value == null ? null : Integer.valueOf(value);
    }

    private static Boolean truth(String value) {
        return value == null ? null : Boolean.valueOf(value);
    }

    /** A JSON object of the pairs given, without the null values. */
    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                body.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return body;
    }
}
