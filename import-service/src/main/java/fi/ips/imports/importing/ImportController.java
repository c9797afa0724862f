package fi.ips.imports.importing;

import fi.ips.events.Region;
import fi.ips.imports.row.ImportFile;
import fi.ips.imports.row.JourneyRow;
import fi.ips.imports.row.RowProblem;
import fi.ips.imports.row.RowRules;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.support.security.Caller;
import fi.ips.support.validation.RegionCodes;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/v1/imports?region=XX[&dryRun=true]} with a CSV or Excel file, either as the
 * request body or as the multipart part {@code file}. The rows are checked as the file arrives;
 * then they are submitted in the background. The answer is the import's report: 201 when the
 * import is complete already, 202 while rows are still being submitted ({@code GET} the Location
 * for progress).
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportController {

    static final String CSV = "text/csv";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final int BATCH = 1000;

    private final ImportStore store;
    private final ImportRunner runner;
    private final RowRules rules;
    private final Duration answerWithin;

    ImportController(ImportStore store, ImportRunner runner, RowRules rules,
                     @Value("${ips.imports.answer-within:5s}") Duration answerWithin) {
        this.store = store;
        this.runner = runner;
        this.rules = rules;
        this.answerWithin = answerWithin;
    }

    @PostMapping(consumes = {CSV, XLSX, "application/octet-stream"})
    @PreAuthorize("hasRole('COUNTY')")
    ResponseEntity<ImportReport> importBody(@RequestParam String region, @RequestParam(defaultValue = "false") boolean dryRun,
                                            HttpServletRequest request) throws IOException {
        return importFile(region, dryRun, request.getInputStream());
    }

    @PostMapping(consumes = "multipart/form-data")
    @PreAuthorize("hasRole('COUNTY')")
    ResponseEntity<ImportReport> importPart(@RequestParam String region, @RequestParam(defaultValue = "false") boolean dryRun,
                                            @RequestPart("file") MultipartFile file) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return importFile(region, dryRun, in);
        }
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('COUNTY')")
    ImportReport report(@PathVariable UUID id) {
        Region region = store.regionOf(id).orElseThrow(() -> RuleViolationException.notFound("No import with this id"));
        Caller.current().requireWrite(region, "import");
        return store.report(id).orElseThrow();
    }

    private ResponseEntity<ImportReport> importFile(String code, boolean dryRun, InputStream file) {
        Region region = RegionCodes.parse("region", code);
        Caller caller = Caller.current();
        caller.requireOwnRegion(region);
        UUID id = store.create(region, dryRun, caller.subject());
        try {
            receive(id, file, dryRun);
        } catch (RuntimeException e) {
            store.delete(id);
            throw e;
        }
        var location = ServletUriComponentsBuilder.fromCurrentRequestUri().replaceQuery(null).path("/{id}").buildAndExpand(id).toUri();
        if (dryRun) {
            store.status(id, ImportStatus.COMPLETED);
        } else if (!finishedWithin(runner.submitAll(id))) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).location(location).body(store.report(id).orElseThrow());
        }
        return ResponseEntity.created(location).body(store.report(id).orElseThrow());
    }

    /** Reads and checks the rows, storing them a batch at a time: the file is never held in memory. */
    private void receive(UUID id, InputStream file, boolean dryRun) {
        List<JourneyRow> rows = new ArrayList<>(BATCH);
        List<List<RowProblem>> refused = new ArrayList<>();
        long[] count = {0};
        ImportFile.read(file, raw -> {
            RowRules.Checked checked = rules.check(raw);
            if (checked.row() != null) {
                rows.add(checked.row());
            } else {
                refused.add(checked.problems());
            }
            count[0]++;
            if (rows.size() + refused.size() >= BATCH) {
                store.received(id, rows, refused, dryRun);
                rows.clear();
                refused.clear();
            }
        });
        if (count[0] == 0) {
            throw RuleViolationException.unprocessable("no-rows", "file", "The file has a header but no rows");
        }
        store.received(id, rows, refused, dryRun);
    }

    private boolean finishedWithin(Future<?> submission) {
        try {
            submission.get(answerWithin.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
