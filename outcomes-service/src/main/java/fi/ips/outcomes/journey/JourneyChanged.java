package fi.ips.outcomes.journey;

/** A client's journey changed: the figures of its region (and the national ones) may have changed. */
public record JourneyChanged(String region) {
}
