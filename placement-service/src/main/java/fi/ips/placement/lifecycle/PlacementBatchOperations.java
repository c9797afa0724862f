package fi.ips.placement.lifecycle;

import fi.ips.support.eventstore.CommandBatch;

/** A placement API's operations in a batch ({@link PlacementBatches}): its single endpoints' requests, checked alike. */
public interface PlacementBatchOperations {

    void addTo(CommandBatch.Operations operations);
}
