package fi.ips.events;

/** An event of one job: paid work, a work trial, an internship or volunteer work. */
public sealed interface JobEvent extends PlacementEvent permits
        JobStartedEvent, JobEndedEvent, JobVoidedEvent, JobStartDateCorrectedEvent, JobEndDateCorrectedEvent {

    String jobId();

    @Override
    default String placementId() {
        return jobId();
    }
}
