package fi.ips.placement.lifecycle;

import fi.ips.support.eventstore.CommandBatch;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Many starts and ends of jobs and studies at once, for imports ({@link CommandBatch}). The job and
 * the studies API each add their operations ({@link PlacementBatchOperations}).
 */
@RestController
class PlacementBatches {

    private final CommandBatch batches;
    private final CommandBatch.Operations operations = new CommandBatch.Operations();

    PlacementBatches(CommandBatch batches, List<PlacementBatchOperations> apis) {
        this.batches = batches;
        apis.forEach(api -> api.addTo(operations));
    }

    @PostMapping("/api/v1/placements/batch")
    @PreAuthorize("hasRole('COUNTY')")
    CommandBatch.Answer batch(@RequestBody CommandBatch.Request request, @RequestParam(required = false) String region) {
        return batches.run(request, operations, region);
    }
}
