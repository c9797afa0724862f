package fi.ips.outcomes.fidelity;

/** A region's fidelity reviews changed: dashboards showing them are told. */
public record FidelityChanged(String region) {
}
