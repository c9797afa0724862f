package fi.ips.local;

import fi.ips.local.DemoData.Job;
import fi.ips.local.DemoData.Journey;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data tells THL's story (README.md, the options of ./platform) as the outcomes service will count it: the
 * KPIs below are those of outcomes-service's KpiCalculator, which this module cannot depend on.
 */
class DemoDataTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final LocalDate END_OF_APRIL_2022 = LocalDate.of(2022, 4, 30);
    private static final double DAYS_PER_MONTH = 365.25 / 12;
    /** THL, end of April 2022, per pilot county: clients with a signed agreement, and of them employed. */
    private static final Map<String, List<Integer>> THL_APRIL_2022 = Map.of("16", List.of(92, 31), "21", List.of(78, 25),
            "14", List.of(85, 29), "02", List.of(70, 22), "90", List.of(76, 26));
    private static final String KESKI_POHJANMAA = "18";
    /** The values of the enums in events (fi.ips.events), which the API takes by name. */
    private static final Set<String> JOB_TYPES = Set.of("PAID_OPEN_MARKET", "PAID_SUPPORTED", "WORK_TRIAL", "INTERNSHIP", "VOLUNTEER");
    private static final Set<String> JOB_END_REASONS = Set.of("CONTRACT_ENDED", "RESIGNED", "DISMISSED", "HEALTH", "OTHER");
    private static final Set<String> SERVICE_END_REASONS = Set.of("GOAL_ACHIEVED", "CLIENT_DECISION", "MOVED_AWAY", "NO_CONTACT", "OTHER");
    private static final Set<String> SOURCES = Set.of("PSYCHIATRIC_OUTPATIENT_CARE", "MENTAL_HEALTH_SOCIAL_SERVICES", "SELF_REFERRAL", "OTHER");
    private static final String ID = "[A-Za-z0-9._-]{1,64}";

    private final List<Journey> journeys = DemoData.journeys();

    @Test
    void thePilotCountiesHaveThlsFiguresAtTheEndOfApril2022() {
        Map<String, List<Integer>> figures = journeys.stream().filter(j -> agreedBy(j, END_OF_APRIL_2022))
                .collect(Collectors.groupingBy(Journey::region, Collectors.collectingAndThen(Collectors.toList(), agreed -> List.of(
                        agreed.size(), (int) agreed.stream().filter(j -> firstPaidJob(j, END_OF_APRIL_2022) != null).count()))));

        assertThat(figures).isEqualTo(THL_APRIL_2022);
    }

    /** The per-county table the demo is checked against adds up to THL's published totals (401 agreements, 133 employed: 33.2 %). */
    @Test
    void theCountyFiguresAddUpToThlsPublishedTotals() {
        int agreements = THL_APRIL_2022.values().stream().mapToInt(f -> f.get(0)).sum();
        int employed = THL_APRIL_2022.values().stream().mapToInt(f -> f.get(1)).sum();
        assertThat(agreements).isEqualTo(401);
        assertThat(employed).isEqualTo(133);
    }

    @Test
    void demandExceededCapacityAtTheEndOfApril2022() {
        assertThat(journeys).as("demand exceeded capacity: a queue at the end of April 2022")
                .anyMatch(j -> !j.referredOn().isAfter(END_OF_APRIL_2022) && !agreedBy(j, END_OF_APRIL_2022));
    }

    @Test
    void voidedJobsAreExtraEntriesThatTheFiguresLeaveOut() {
        List<Journey> withVoided = journeys.stream().filter(j -> j.jobs().stream().anyMatch(Job::voided)).toList();

        assertThat(withVoided).isNotEmpty();
        for (Journey j : withVoided) {
            assertThat(j.jobs()).as(j.clientId()).anyMatch(job -> !job.voided());
        }
        // Counting the voided jobs would break THL's figure: the demo does exercise the rule.
        long employedWithVoided = journeys.stream().filter(j -> agreedBy(j, END_OF_APRIL_2022)).filter(j -> j.jobs().stream()
                .anyMatch(job -> job.paid() && !job.startedOn().isBefore(j.signedOn()) && !job.startedOn().isAfter(END_OF_APRIL_2022))).count();
        assertThat(employedWithVoided).isGreaterThan(133);
    }

    @Test
    void overTwoThirdsOfTheJobsAreInTheOpenLabourMarket() {
        List<Job> jobs = journeys.stream().flatMap(j -> j.jobs().stream()).filter(job -> !job.voided()).toList();
        long openMarket = jobs.stream().filter(job -> job.type().equals("PAID_OPEN_MARKET")).count();
        long paid = jobs.stream().filter(Job::paid).count();

        assertThat((double) openMarket / jobs.size()).as("of all jobs").isGreaterThan(2.0 / 3);
        assertThat((double) openMarket / paid).as("of paid jobs (the KPI)").isGreaterThan(2.0 / 3);
        assertThat(jobs).anyMatch(job -> job.type().equals("PAID_SUPPORTED")).anyMatch(job -> !job.paid());
    }

    @Test
    void theFirstPaidJobCameOnAverageAbout3Point2MonthsAfterTheAgreement() {
        assertThat(meanMonthsToFirstJob(END_OF_APRIL_2022)).as("by the end of April 2022").isBetween(2.9, 3.5);
        assertThat(meanMonthsToFirstJob(TODAY)).as("by today").isBetween(2.9, 3.5);
    }

    @Test
    void keskiPohjanmaaJoinedInApril2023WithItsOwnClients() {
        List<Journey> soite = journeys.stream().filter(j -> j.region().equals(KESKI_POHJANMAA)).toList();

        assertThat(soite).extracting(Journey::referredOn).allMatch(d -> !d.isBefore(LocalDate.of(2023, 4, 1)));
        assertThat(soite.stream().map(Journey::signedOn).filter(Objects::nonNull).min(LocalDate::compareTo))
                .hasValueSatisfying(first -> assertThat(YearMonth.from(first)).isEqualTo(YearMonth.of(2023, 4)));
        assertThat(soite.stream().filter(j -> j.signedOn() != null)).hasSizeGreaterThanOrEqualTo(20);
        assertThat(soite.stream().filter(j -> agreedBy(j, TODAY) && firstPaidJob(j, TODAY) != null)).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void everyJourneyIsPlausible() {
        for (Journey j : journeys) {
            String client = j.clientId();
            assertThat(client).matches(ID);
            assertThat(j.region()).as(client).isIn(Set.of("16", "21", "14", "02", "90", KESKI_POHJANMAA));
            assertThat(j.source()).as(client).isIn(SOURCES);
            assertThat(j.referredOn()).as(client).isAfterOrEqualTo(LocalDate.of(2020, 1, 1)).isBeforeOrEqualTo(TODAY);
            if (j.signedOn() == null) {
                assertThat(j.jobs()).as(client + ": jobs without an agreement").isEmpty();
                assertThat(j.end()).as(client + ": an end without an agreement").isNull();
                continue;
            }
            assertThat(j.signedOn()).as(client + " agreement").isAfterOrEqualTo(j.referredOn()).isBeforeOrEqualTo(TODAY);
            for (Job job : j.jobs()) {
                String id = job.jobId();
                assertThat(id).matches(ID);
                assertThat(job.type()).as(id).isIn(JOB_TYPES);
                assertThat(job.startedOn()).as(id + " start").isAfterOrEqualTo(j.signedOn()).isBeforeOrEqualTo(TODAY);
                if (job.endedOn() != null) {
                    assertThat(job.voided()).as(id + ": a voided job is not ended").isFalse();
                    assertThat(job.endedOn()).as(id + " end").isAfter(job.startedOn()).isBeforeOrEqualTo(TODAY);
                    assertThat(job.endReason()).as(id).isIn(JOB_END_REASONS);
                } else {
                    assertThat(job.endReason()).as(id).isNull();
                }
                if (j.end() != null) {
                    assertThat(job.startedOn()).as(id + " start, after the service end").isBeforeOrEqualTo(j.end().on());
                    assertThat(job.endedOn() == null || !job.endedOn().isAfter(j.end().on())).as(id + " end, after the service end").isTrue();
                }
            }
            if (j.end() != null) {
                assertThat(j.end().on()).as(client + " service end").isAfterOrEqualTo(j.signedOn()).isBeforeOrEqualTo(TODAY);
                assertThat(j.end().reason()).as(client).isIn(SERVICE_END_REASONS);
            }
        }
        List<Job> jobs = journeys.stream().flatMap(j -> j.jobs().stream()).toList();
        assertThat(jobs).as("some jobs end").anyMatch(job -> job.endedOn() != null);
        assertThat(jobs).as("some jobs go on").anyMatch(job -> job.endedOn() == null && !job.voided());
        assertThat(journeys).as("some services end").anyMatch(j -> j.end() != null);
        assertThat(journeys).as("some referrals wait for an agreement").anyMatch(j -> j.signedOn() == null);
    }

    @Test
    void theJourneysAreTheSameEveryTimeAndTheirIdsUniqueSoLoadingTwiceStoresNothingNew() {
        assertThat(DemoData.journeys()).isEqualTo(journeys);
        assertThat(journeys).extracting(Journey::clientId).doesNotHaveDuplicates();
        assertThat(journeys.stream().flatMap(j -> j.jobs().stream()).map(Job::jobId)).doesNotHaveDuplicates();
    }

    private static boolean agreedBy(Journey j, LocalDate asOf) {
        return j.signedOn() != null && !j.signedOn().isAfter(asOf);
    }

    /** KpiCalculator's: the first paid job, not voided, started on or after the agreement and on or before the date; or null. */
    private static LocalDate firstPaidJob(Journey j, LocalDate asOf) {
        return j.jobs().stream().filter(job -> job.paid() && !job.voided())
                .map(Job::startedOn).filter(on -> !on.isBefore(j.signedOn()) && !on.isAfter(asOf))
                .min(LocalDate::compareTo).orElse(null);
    }

    /** Mean of first paid job minus agreement, over the clients employed by the date. */
    private double meanMonthsToFirstJob(LocalDate asOf) {
        List<Journey> employed = journeys.stream().filter(j -> agreedBy(j, asOf) && firstPaidJob(j, asOf) != null).toList();
        assertThat(employed).isNotEmpty();
        return employed.stream().mapToLong(j -> ChronoUnit.DAYS.between(j.signedOn(), firstPaidJob(j, asOf))).average().orElseThrow()
                / DAYS_PER_MONTH;
    }
}
