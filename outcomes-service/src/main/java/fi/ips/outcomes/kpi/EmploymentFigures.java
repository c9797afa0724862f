package fi.ips.outcomes.kpi;

import java.time.LocalDate;

/**
 * The headline figures of a region, or of the whole country, as of a date.
 *
 * @param region         the county code, null for the national row
 * @param employmentRate employed / agreements, a fraction 0–1; null when there are no agreements
 */
record EmploymentFigures(String region, String name, LocalDate asOf, long referrals, long agreements, long employed,
                         Double employmentRate) {
}
