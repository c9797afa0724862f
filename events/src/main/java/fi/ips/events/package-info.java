/**
 * The published contract of the IPS platform: the events of a client's journey and of the
 * counties' fidelity reviews, the Kafka topics that carry them, their CloudEvents types and the
 * wellbeing services county codes.
 * <p>
 * Integrators build on this package. Changes within a version are additive only; anything else
 * gets a new type name (see {@link fi.ips.events.EventType}).
 */
package fi.ips.events;
