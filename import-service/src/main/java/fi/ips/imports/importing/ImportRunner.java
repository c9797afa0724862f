package fi.ips.imports.importing;

import fi.ips.events.Region;
import fi.ips.imports.journey.JourneyApi;
import fi.ips.imports.journey.JourneySubmission;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submits an import's rows in rounds of clients, each round a step at a time in batches
 * ({@link JourneySubmission}). Progress is stored after every round, so an import interrupted by
 * a restart goes on where it stopped (a row submitted again stores nothing new).
 * <p>
 * A few imports run at a time, the rest wait their turn in the order they came. Each running import
 * holds a batch of up to a thousand items open in a service, and the service's event relay keeps every
 * number of the event sequence such a batch holds as a gap until it commits, in every event it tracks
 * meanwhile: a dozen imports at once would fill its heap. Nor would they go faster: three at once made
 * fewer events a second together than one alone, on a machine whose cores they all share.
 */
@Component
class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    /** As many as a batch takes, so that a wave of a round (one row a client) is one batch. */
    private static final int CLIENTS_PER_ROUND = 1000;
    private static final String UNEXPECTED = "stopped by an unexpected error (see the service log);"
            + " upload the file again to finish: the rows stored already count as already stored, none twice";

    private final ImportStore store;
    private final JourneySubmission submission;
    private final ExecutorService imports;

    ImportRunner(ImportStore store, JourneySubmission submission, @Value("${ips.imports.at-once:2}") int atOnce) {
        this.store = store;
        this.submission = submission;
        this.imports = Executors.newFixedThreadPool(atOnce, threads());
    }

    /** Imports left unfinished by the previous run of the service go on. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        for (UUID id : store.unfinished()) {
            log.info("Resuming import {}", id);
            submitAll(id);
        }
    }

    /** Queues the import, to be submitted in the background; the future completes when it is completed or failed. */
    synchronized Future<?> submitAll(UUID id) {
        // One at a time: the order of the store's queue is the order of the pool's.
        store.queued(id);
        return imports.submit(() -> run(id));
    }

    private void run(UUID id) {
        Region region = store.regionOf(id).orElseThrow();
        try {
            store.status(id, ImportStatus.SUBMITTING);
            for (List<String> clients = store.clientsToSubmit(id, CLIENTS_PER_ROUND); !clients.isEmpty();
                 clients = store.clientsToSubmit(id, CLIENTS_PER_ROUND)) {
                store.submitted(id, submission.submit(region, store.rowsOf(id, clients), "import-" + id, waitsOf(id)));
            }
            store.status(id, ImportStatus.COMPLETED);
            log.info("Import {} completed", id);
        } catch (JourneyApi.NotAuthorisedException e) {
            log.error("Import {} failed", id, e);
            store.failed(id, e.getMessage() + ": check the import service's identity (deploy/README.md)");
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // The service is stopping: the import stays SUBMITTING and goes on after the restart.
                return;
            }
            log.error("Import {} failed", id, e);
            store.failed(id, UNEXPECTED);
        }
    }

    /**
     * The import's report says what it waits for while a service does not take its rows. Only a note: when
     * the import's own database is down too, the import waits on without it (a round's end clears it).
     */
    private JourneySubmission.Waits waitsOf(UUID id) {
        return new JourneySubmission.Waits() {
            @Override
            public void waitingFor(String reason) {
                note(reason);
            }

            @Override
            public void goingOn() {
                note(null);
            }

            private void note(String reason) {
                try {
                    store.waitingFor(id, reason);
                } catch (DataAccessException e) {
                    log.warn("Import {}: what it waits for is not in its report: {}", id, e.getMessage());
                }
            }
        };
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "import-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @PreDestroy
    void stop() {
        imports.shutdownNow();
    }
}
