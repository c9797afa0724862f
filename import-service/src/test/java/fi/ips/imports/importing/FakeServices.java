package fi.ips.imports.importing;

import fi.ips.events.Region;
import fi.ips.imports.journey.JourneyApi;
import fi.ips.imports.row.JourneyRow;
import fi.ips.imports.row.RowEvent;
import fi.ips.imports.row.RowProblem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The referral and placement services as far as the importer can tell: an agreement needs a
 * referral, a placement an agreement, and the same submission again stores nothing new. Client ids
 * tell the fake how to behave: "slow-" ones take a while; "locked-out-" ones are refused as the real
 * services refuse a bad token; the first batch with a "flaky-" one meets an outage; the agreement of
 * a "lagging-" one reaches the placement side a batch late, as through Kafka.
 */
class FakeServices implements JourneyApi {

    final Set<String> stored = new LinkedHashSet<>();
    /** Every row submitted, as "client EVENT", batch after batch. */
    final List<String> calls = new ArrayList<>();
    /** The name each batch was submitted under, batch after batch. */
    final List<String> batchKeys = new ArrayList<>();
    private final Set<String> hadOutage = new HashSet<>();
    private final Map<String, Integer> agreedInBatch = new HashMap<>();
    private int batches;

    @Override
    public synchronized List<RowAnswer> submit(Region region, List<JourneyRow> rows, String correlationId, String batchKey) {
        batches++;
        batchKeys.add(batchKey);
        rows.forEach(row -> calls.add(row.clientId() + " " + row.event()));
        if (rows.stream().anyMatch(row -> row.clientId().startsWith("locked-out-"))) {
            throw new NotAuthorisedException("401");
        }
        if (rows.stream().anyMatch(row -> row.clientId().startsWith("flaky-") && hadOutage.add(row.clientId()))) {
            throw new ServiceUnavailableException("503", null);
        }
        if (rows.stream().anyMatch(row -> row.clientId().startsWith("slow-"))) {
            pause();
        }
        return rows.stream().map(this::submit).toList();
    }

    private RowAnswer submit(JourneyRow row) {
        boolean referred = stored.contains(row.clientId() + " " + RowEvent.REFERRED);
        Integer agreed = agreedInBatch.get(row.clientId());
        boolean agreementArrived = agreed != null && (!row.clientId().startsWith("lagging-") || batches > agreed + 1);
        if (row.event() != RowEvent.REFERRED && !referred) {
            return RowAnswer.refused(new RowProblem(row.number(), "clientId", "not-found", "No referral by this client id"));
        }
        if (row.event().isPlacement() && !agreementArrived) {
            return RowAnswer.refused(new RowProblem(row.number(), "clientId", "client-without-agreement", "No agreement"));
        }
        if (row.event() == RowEvent.AGREEMENT_SIGNED) {
            agreedInBatch.putIfAbsent(row.clientId(), batches);
        }
        return RowAnswer.stored(!stored.add(row.clientId() + " " + row.event() + (row.event().isPlacement() ? " " + row.field("placementId") : "")));
    }

    synchronized void reset() {
        stored.clear();
        calls.clear();
        batchKeys.clear();
        hadOutage.clear();
        agreedInBatch.clear();
        batches = 0;
    }

    private void pause() {
        try {
            wait(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
