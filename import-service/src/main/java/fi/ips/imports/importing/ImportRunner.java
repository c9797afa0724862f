package fi.ips.imports.importing;

import fi.ips.events.Region;
import fi.ips.imports.journey.JourneyApi;
import fi.ips.imports.journey.JourneySubmission;
import fi.ips.imports.journey.JourneySubmission.Journey;
import fi.ips.imports.journey.JourneySubmission.Step;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submits an import's rows in rounds of clients, a few clients at a time ({@code ips.imports.workers});
 * a client's own rows one after another. Progress is stored after every round, so an import
 * interrupted by a restart goes on where it stopped (a row submitted again stores nothing new).
 */
@Component
class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    private static final int CLIENTS_PER_ROUND = 200;
    private static final String UNEXPECTED = "stopped by an unexpected error; the rows not yet submitted are kept (see the service log)";

    private final ImportStore store;
    private final JourneySubmission submission;
    private final ExecutorService workers;
    private final ExecutorService imports = Executors.newCachedThreadPool(threads("import-"));

    ImportRunner(ImportStore store, JourneySubmission submission, @Value("${ips.imports.workers:8}") int workers) {
        this.store = store;
        this.submission = submission;
        this.workers = Executors.newFixedThreadPool(workers, threads("import-worker-"));
    }

    /** Imports left unfinished by the previous run of the service go on. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        for (UUID id : store.unfinished()) {
            log.info("Resuming import {}", id);
            submitAll(id);
        }
    }

    /** Starts submitting in the background; the future completes when the import is completed or failed. */
    Future<?> submitAll(UUID id) {
        store.status(id, ImportStatus.SUBMITTING);
        return imports.submit(() -> run(id));
    }

    private void run(UUID id) {
        Region region = store.regionOf(id).orElseThrow();
        try {
            for (List<String> clients = store.clientsToSubmit(id, CLIENTS_PER_ROUND); !clients.isEmpty();
                 clients = store.clientsToSubmit(id, CLIENTS_PER_ROUND)) {
                submitRound(id, region, clients);
            }
            store.status(id, ImportStatus.COMPLETED);
            log.info("Import {} completed", id);
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof JourneyApi.NotAuthorisedException
                    ? e.getCause().getMessage() + ": check the import service's identity (deploy/README.md)"
                    : UNEXPECTED;
            log.error("Import {} failed", id, e.getCause());
            store.failed(id, why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Import {} failed", id, e);
            store.failed(id, UNEXPECTED);
        }
    }

    /**
     * A round of clients, a step at a time for all of them: while the placement step waits for the
     * workers, the agreements of the enrolment step are already on their way through Kafka.
     */
    private void submitRound(UUID id, Region region, List<String> clients) throws InterruptedException, ExecutionException {
        Map<String, Journey> journeys = new LinkedHashMap<>();
        clients.forEach(client -> journeys.put(client, submission.journey(region, store.rowsOf(id, client), "import-" + id)));
        for (Step step : Step.values()) {
            List<Future<?>> submitted = new ArrayList<>();
            journeys.values().forEach(journey -> submitted.add(workers.submit(() -> journey.submit(step))));
            for (Future<?> done : submitted) {
                done.get();
            }
        }
        journeys.forEach((client, journey) -> store.submitted(id, client, journey.outcomes()));
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @PreDestroy
    void stop() {
        imports.shutdownNow();
        workers.shutdownNow();
    }
}
