package fi.ips.imports.importing;

import fi.ips.events.Region;
import fi.ips.imports.journey.JourneyApi;
import fi.ips.imports.row.JourneyRow;
import fi.ips.imports.row.RowEvent;
import fi.ips.imports.row.RowProblem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The referral and placement services as far as the importer can tell: an agreement needs a
 * referral, a placement an agreement, and the same submission again stores nothing new. Client ids
 * starting "slow-" take a while; "locked-out-" ones are refused as the real services refuse a bad token.
 */
class FakeServices implements JourneyApi {

    final Set<String> stored = new LinkedHashSet<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public synchronized Optional<RowProblem> submit(Region region, JourneyRow row, String correlationId) {
        calls.add(row.clientId() + " " + row.event());
        if (row.clientId().startsWith("locked-out-")) {
            throw new NotAuthorisedException("401");
        }
        if (row.clientId().startsWith("slow-")) {
            pause();
        }
        boolean referred = stored.contains(row.clientId() + " " + RowEvent.REFERRED);
        boolean agreed = stored.contains(row.clientId() + " " + RowEvent.AGREEMENT_SIGNED);
        if (row.event() != RowEvent.REFERRED && !referred) {
            return Optional.of(new RowProblem(row.number(), "clientId", "not-found", "No referral by this client id"));
        }
        if (row.event().isPlacement() && !agreed) {
            return Optional.of(new RowProblem(row.number(), "clientId", "client-without-agreement", "No agreement"));
        }
        stored.add(row.clientId() + " " + row.event() + (row.event().isPlacement() ? " " + row.field("placementId") : ""));
        return Optional.empty();
    }

    synchronized void reset() {
        stored.clear();
        calls.clear();
    }

    private void pause() {
        try {
            wait(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
