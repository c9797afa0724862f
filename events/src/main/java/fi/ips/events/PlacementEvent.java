package fi.ips.events;

/**
 * An event of a job or a study placement, published on {@link Topics#PLACEMENTS}. The region is
 * always the client's region.
 */
public sealed interface PlacementEvent extends JourneyEvent permits JobEvent, StudiesEvent {

    /** The job's or the study placement's id. */
    String placementId();
}
