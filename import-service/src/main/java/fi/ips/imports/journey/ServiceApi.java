package fi.ips.imports.journey;

import fi.ips.events.Region;
import fi.ips.imports.row.JourneyRow;
import fi.ips.imports.row.RowProblem;
import fi.ips.support.tracing.CorrelationId;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static fi.ips.imports.row.Columns.AGE_GROUP;
import static fi.ips.imports.row.Columns.CLIENT_ID;
import static fi.ips.imports.row.Columns.DATE;
import static fi.ips.imports.row.Columns.EMPLOYER_SECTOR;
import static fi.ips.imports.row.Columns.JOB_TYPE;
import static fi.ips.imports.row.Columns.OCCUPATION;
import static fi.ips.imports.row.Columns.PLACEMENT_ID;
import static fi.ips.imports.row.Columns.REASON;
import static fi.ips.imports.row.Columns.SOURCE;
import static fi.ips.imports.row.Columns.STUDY_LEVEL;
import static fi.ips.imports.row.Columns.WEEKLY_HOURS;

/**
 * The rows as the services' public API calls, made with the import service's own token. A refusal's
 * problem+json names an API field; the report names the file's column instead.
 */
class ServiceApi implements JourneyApi {

    /** API fields that are a column of the file under another name. */
    private static final Map<String, String> COLUMN_OF_FIELD = Map.of(
            "referredOn", DATE, "signedOn", DATE, "endedOn", DATE, "startedOn", DATE, "on", DATE,
            "jobId", PLACEMENT_ID, "studyId", PLACEMENT_ID, "id", PLACEMENT_ID, "level", STUDY_LEVEL);

    private final RestClient referrals;
    private final RestClient placements;
    private final JsonMapper json = JsonMapper.builder().build();

    ServiceApi(RestClient referrals, RestClient placements) {
        this.referrals = referrals;
        this.placements = placements;
    }

    @Override
    public Optional<RowProblem> submit(Region region, JourneyRow row, String correlationId) {
        String client = row.clientId();
        String placement = row.field(PLACEMENT_ID);
        String date = row.date().toString();
        return switch (row.event()) {
            case REFERRED -> post(referrals, row, correlationId, "/api/v1/referrals", body("clientId", client, "region", region.code(),
                    "referredOn", date, "source", row.field(SOURCE), "ageGroup", row.field(AGE_GROUP)));
            case REFERRAL_DECLINED -> post(referrals, row, correlationId, "/api/v1/referrals/" + client + "/decline",
                    body("on", date, "reason", row.field(REASON)));
            case REFERRAL_WITHDRAWN -> post(referrals, row, correlationId, "/api/v1/referrals/" + client + "/withdraw", body("on", date));
            case AGREEMENT_SIGNED -> post(referrals, row, correlationId, "/api/v1/referrals/" + client + "/agreement", body("signedOn", date));
            case SERVICE_ENDED -> post(referrals, row, correlationId, "/api/v1/referrals/" + client + "/end",
                    body("endedOn", date, "reason", row.field(REASON)));
            case JOB_STARTED -> post(placements, row, correlationId, "/api/v1/jobs", body("jobId", placement, "clientId", client,
                    "startedOn", date, "jobType", row.field(JOB_TYPE), "weeklyHours", number(row.field(WEEKLY_HOURS)),
                    "employerSector", row.field(EMPLOYER_SECTOR), "occupation", number(row.field(OCCUPATION))));
            case STUDIES_STARTED -> post(placements, row, correlationId, "/api/v1/studies", body("studyId", placement, "clientId", client,
                    "startedOn", date, "level", row.field(STUDY_LEVEL)));
            case JOB_ENDED -> endPlacement(row, correlationId, "/api/v1/jobs/" + placement);
            case STUDIES_ENDED -> endPlacement(row, correlationId, "/api/v1/studies/" + placement);
        };
    }

    /** The end of a placement names the placement only: check first that it is this row's client's. */
    private Optional<RowProblem> endPlacement(JourneyRow row, String correlationId, String path) {
        Optional<RowProblem> owner = call(row, () -> {
            var response = placements.get().uri(path).header(CorrelationId.HEADER, correlationId).retrieve()
                    .onStatus(HttpStatusCode::isError, (request, r) -> { })
                    .toEntity(String.class);
            if (response.getStatusCode().is2xxSuccessful()) {
                JsonNode placement = json.readTree(response.getBody());
                return placement.path("clientId").asString().equals(row.clientId()) ? Optional.empty()
                        : Optional.of(new RowProblem(row.number(), PLACEMENT_ID, "placement-of-another-client",
                        "placementId belongs to another client"));
            }
            return refusal(row, response.getStatusCode(), response.getBody());
        });
        if (owner.isPresent()) {
            return owner;
        }
        return post(placements, row, correlationId, path + "/end", body("endedOn", row.date().toString(), "reason", row.field(REASON)));
    }

    private Optional<RowProblem> post(RestClient service, JourneyRow row, String correlationId, String path, Map<String, Object> body) {
        return call(row, () -> {
            var response = service.post().uri(path).contentType(MediaType.APPLICATION_JSON).header(CorrelationId.HEADER, correlationId)
                    .body(body).retrieve()
                    .onStatus(HttpStatusCode::isError, (request, r) -> { })
                    .toEntity(String.class);
            return response.getStatusCode().is2xxSuccessful() ? Optional.empty()
                    : refusal(row, response.getStatusCode(), response.getBody());
        });
    }

    private interface Call {
        Optional<RowProblem> run();
    }

    private static Optional<RowProblem> call(JourneyRow row, Call call) {
        try {
            return call.run();
        } catch (ResourceAccessException | JacksonException e) {
            throw new ServiceUnavailableException("row " + row.number() + ": " + e.getMessage(), e);
        }
    }

    private Optional<RowProblem> refusal(JourneyRow row, HttpStatusCode status, String body) {
        int code = status.value();
        if (code == 401 || code == 403) {
            throw new NotAuthorisedException("the " + row.event() + " API answered " + code + " to the import service's own token");
        }
        if (status.is5xxServerError() || code == 408 || code == 429) {
            throw new ServiceUnavailableException("row " + row.number() + ": the " + row.event() + " API answered " + code, null);
        }
        JsonNode problem = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        JsonNode error = problem.path("errors").path(0);
        String rule = error.path("rule").asString(problem.path("rule").asString("refused"));
        String field = error.path("field").asString(code == 404 ? (row.event().isPlacement() ? PLACEMENT_ID : CLIENT_ID) : "");
        String message = error.path("message").asString(problem.path("detail").asString("refused (" + code + ")"));
        String column = COLUMN_OF_FIELD.getOrDefault(field, field);
        return Optional.of(new RowProblem(row.number(), column.isEmpty() ? null : column, rule, message));
    }

    private static Integer number(String value) {
        return value == null ? null : Integer.valueOf(value);
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
