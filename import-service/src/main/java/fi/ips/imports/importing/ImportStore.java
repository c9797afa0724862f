package fi.ips.imports.importing;

import fi.ips.events.Region;
import fi.ips.imports.journey.JourneySubmission.Outcome;
import fi.ips.imports.row.JourneyRow;
import fi.ips.imports.row.RowEvent;
import fi.ips.imports.row.RowProblem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Imports, their rows waiting to be submitted and the problems of refused rows, in PostgreSQL: an
 * import survives a restart of the service and goes on where it stopped. A row's values are kept
 * only until it is submitted; the report keeps row numbers and rules, not values.
 */
@Repository
class ImportStore {

    static final int PROBLEMS_SHOWN = 1000;
    /** An import that waits for nothing (any more): set with every change of status and at each round's end. */
    private static final String NOT_WAITING = "waiting_for = null, waiting_since = null";
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock;

    ImportStore(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        jdbc.execute("""
                create table if not exists imports (
                    id uuid primary key,
                    region char(2) not null,
                    dry_run boolean not null,
                    status varchar(12) not null,
                    uploaded_by varchar(200) not null,
                    received_at timestamptz not null,
                    finished_at timestamptz,
                    rows_read bigint not null default 0,
                    accepted bigint not null default 0,
                    refused bigint not null default 0,
                    failure varchar(500))""");
        jdbc.execute("""
                create table if not exists import_rows (
                    import_id uuid not null,
                    row_number bigint not null,
                    client_id varchar(64) not null,
                    event varchar(20) not null,
                    occurred_on date not null,
                    fields varchar(2000) not null,
                    primary key (import_id, row_number))""");
        jdbc.execute("create index if not exists import_rows_clients on import_rows (import_id, client_id)");
        jdbc.execute("""
                create table if not exists import_problems (
                    import_id uuid not null,
                    row_number bigint not null,
                    field varchar(64),
                    rule varchar(64) not null,
                    message varchar(500) not null)""");
        jdbc.execute("create index if not exists import_problems_rows on import_problems (import_id, row_number)");
        // Imports reported before it was counted show 0.
        jdbc.execute("alter table imports add column if not exists already_stored bigint not null default 0");
        jdbc.execute("alter table imports add column if not exists waiting_for varchar(500)");
        jdbc.execute("alter table imports add column if not exists waiting_since timestamptz");
        // The order imports were queued in, which is the order they run in: an upload's start (received_at) is not.
        jdbc.execute("create sequence if not exists imports_queued");
        jdbc.execute("alter table imports add column if not exists queued bigint");
    }

    UUID create(Region region, boolean dryRun, String uploadedBy) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into imports (id, region, dry_run, status, uploaded_by, received_at) values (?, ?, ?, ?, ?, ?)",
                id, region.code(), dryRun, ImportStatus.RECEIVING.name(), uploadedBy, Timestamp.from(clock.instant()));
        return id;
    }

    /** A batch of the file's rows: those to submit (none in a dry run) and those refused by the file's rules. */
    void received(UUID id, List<JourneyRow> rows, List<List<RowProblem>> refused, boolean dryRun) {
        transaction.executeWithoutResult(status -> {
            if (!dryRun) {
                jdbc.batchUpdate("insert into import_rows (import_id, row_number, client_id, event, occurred_on, fields) values (?, ?, ?, ?, ?, ?)",
                        rows, rows.size(), (statement, row) -> {
                            statement.setObject(1, id);
                            statement.setLong(2, row.number());
                            statement.setString(3, row.clientId());
                            statement.setString(4, row.event().name());
                            statement.setObject(5, row.date());
                            statement.setString(6, json.writeValueAsString(row.fields()));
                        });
            }
            insertProblems(id, refused.stream().flatMap(List::stream).toList());
            jdbc.update("update imports set rows_read = rows_read + ?, refused = refused + ?, accepted = accepted + ? where id = ?",
                    rows.size() + refused.size(), refused.size(), dryRun ? rows.size() : 0, id);
        });
    }

    /** A new status, and no more waiting for a service: a resumed import waits only once a batch is not taken again. */
    void status(UUID id, ImportStatus status) {
        boolean finished = status == ImportStatus.COMPLETED;
        jdbc.update("update imports set status = ?, finished_at = ?, " + NOT_WAITING + " where id = ?",
                status.name(), finished ? Timestamp.from(clock.instant()) : null, id);
    }

    /** Queued behind the imports queued before it (to run in this order: {@code ImportRunner} queues them one at a time). */
    void queued(UUID id) {
        jdbc.update("update imports set status = ?, queued = nextval('imports_queued'), " + NOT_WAITING + " where id = ?",
                ImportStatus.QUEUED.name(), id);
    }

    /**
     * The import's batches are not taken, for this reason: since the first one that was not, while the
     * reason may change (a service down, then overloaded); {@code null} when they are taken again.
     */
    void waitingFor(UUID id, String reason) {
        jdbc.update("update imports set waiting_for = ?, waiting_since = case when ? then null else coalesce(waiting_since, ?) end where id = ?",
                reason == null ? null : reason.substring(0, Math.min(reason.length(), 500)), reason == null,
                Timestamp.from(clock.instant()), id);
    }

    void failed(UUID id, String failure) {
        jdbc.update("update imports set status = ?, failure = ?, finished_at = ?, " + NOT_WAITING + " where id = ?",
                ImportStatus.FAILED.name(), failure, Timestamp.from(clock.instant()), id);
    }

    /** A file refused as a whole leaves nothing behind. */
    void delete(UUID id) {
        transaction.executeWithoutResult(status -> {
            jdbc.update("delete from import_problems where import_id = ?", id);
            jdbc.update("delete from import_rows where import_id = ?", id);
            jdbc.update("delete from imports where id = ?", id);
        });
    }

    /** The next clients with rows still to submit. */
    List<String> clientsToSubmit(UUID id, int limit) {
        return jdbc.queryForList("select distinct client_id from import_rows where import_id = ? order by client_id limit ?",
                String.class, id, limit);
    }

    /** The rows of these clients, each client's in the order the file gave them. */
    Map<String, List<JourneyRow>> rowsOf(UUID id, List<String> clients) {
        Map<String, List<JourneyRow>> rows = new LinkedHashMap<>();
        clients.forEach(client -> rows.put(client, new ArrayList<>()));
        jdbc.query(connection -> {
                    var statement = connection.prepareStatement("select row_number, client_id, event, occurred_on, fields from import_rows "
                            + "where import_id = ? and client_id = any(?) order by row_number");
                    statement.setObject(1, id);
                    statement.setArray(2, connection.createArrayOf("varchar", clients.toArray()));
                    return statement;
                }, (RowCallbackHandler) rs -> rows.get(rs.getString("client_id")).add(new JourneyRow(rs.getLong("row_number"),
                        rs.getString("client_id"), RowEvent.valueOf(rs.getString("event")), rs.getObject("occurred_on", LocalDate.class),
                        json.readValue(rs.getString("fields"), FIELDS))));
        return rows;
    }

    /**
     * A round's clients are submitted: their outcomes counted, their rows' values forgotten, all at once; and
     * nothing is waited for any more, should the note that a service took the rows again have been lost.
     */
    void submitted(UUID id, Map<String, List<Outcome>> outcomesByClient) {
        List<Outcome> outcomes = outcomesByClient.values().stream().flatMap(List::stream).toList();
        List<RowProblem> problems = outcomes.stream().filter(o -> !o.accepted()).map(Outcome::problem).toList();
        transaction.executeWithoutResult(status -> {
            insertProblems(id, problems);
            jdbc.update(connection -> {
                var statement = connection.prepareStatement("delete from import_rows where import_id = ? and client_id = any(?)");
                statement.setObject(1, id);
                statement.setArray(2, connection.createArrayOf("varchar", outcomesByClient.keySet().toArray()));
                return statement;
            });
            jdbc.update("update imports set accepted = accepted + ?, already_stored = already_stored + ?, refused = refused + ?,"
                            + " " + NOT_WAITING + " where id = ?",
                    outcomes.size() - problems.size(), outcomes.stream().filter(Outcome::alreadyStored).count(), problems.size(), id);
        });
    }

    List<UUID> unfinished() {
        return jdbc.queryForList("select id from imports where status in (?, ?) order by queued nulls first, received_at", UUID.class,
                ImportStatus.SUBMITTING.name(), ImportStatus.QUEUED.name());
    }

    Optional<Region> regionOf(UUID id) {
        return jdbc.queryForList("select region from imports where id = ?", String.class, id).stream().map(Region::ofCode).findFirst();
    }

    Optional<ImportReport> report(UUID id) {
        List<RowProblem> problems = jdbc.query("select row_number, field, rule, message from import_problems where import_id = ? "
                        + "order by row_number limit " + PROBLEMS_SHOWN,
                (rs, n) -> new RowProblem(rs.getLong("row_number"), rs.getString("field"), rs.getString("rule"), rs.getString("message")), id);
        Long allProblems = jdbc.queryForObject("select count(*) from import_problems where import_id = ?", Long.class, id);
        RowMapper<ImportReport> report = (rs, n) -> new ImportReport(id, rs.getString("region"), rs.getBoolean("dry_run"),
                ImportStatus.valueOf(rs.getString("status")), rs.getLong("rows_read"),
                rs.getLong("accepted") + rs.getLong("refused"), rs.getLong("accepted"), rs.getLong("already_stored"), rs.getLong("refused"),
                rs.getString("waiting_for"), instant(rs.getTimestamp("waiting_since")), rs.getString("failure"), problems,
                allProblems - problems.size(), instant(rs.getTimestamp("received_at")), instant(rs.getTimestamp("finished_at")));
        return jdbc.query("select * from imports where id = ?", report, id).stream().findFirst()
                .map(found -> found.status() == ImportStatus.QUEUED ? queuedBehind(found) : found);
    }

    /**
     * A queued import waits for those queued before it, every county's (they share the service's turns),
     * and with them for any service they wait for, since the first of them was not taken.
     */
    private ImportReport queuedBehind(ImportReport report) {
        return jdbc.queryForObject("""
                        select count(*) as ahead, min(waiting_since) as since,
                               (array_agg(waiting_for order by waiting_since) filter (where waiting_for is not null))[1] as reason
                        from imports where status in (?, ?) and queued < (select queued from imports where id = ?)""",
                (rs, n) -> {
                    long ahead = rs.getLong("ahead");
                    String turn = ahead == 0 ? "its turn, next" : ahead == 1 ? "its turn, after 1 import queued before it"
                            : "its turn, after " + ahead + " imports queued before it";
                    String reason = rs.getString("reason");
                    return report.waiting(reason == null ? turn : turn + (ahead == 1 ? ", which waits for " : ", which wait for ") + reason,
                            instant(rs.getTimestamp("since")));
                }, ImportStatus.SUBMITTING.name(), ImportStatus.QUEUED.name(), report.id());
    }

    private void insertProblems(UUID id, List<RowProblem> problems) {
        jdbc.batchUpdate("insert into import_problems (import_id, row_number, field, rule, message) values (?, ?, ?, ?, ?)",
                problems, problems.size(), (statement, problem) -> {
                    statement.setObject(1, id);
                    statement.setLong(2, problem.row());
                    statement.setString(3, problem.field());
                    statement.setString(4, problem.rule());
                    statement.setString(5, problem.message().length() > 500 ? problem.message().substring(0, 500) : problem.message());
                });
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
