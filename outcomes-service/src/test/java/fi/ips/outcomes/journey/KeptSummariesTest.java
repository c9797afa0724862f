package fi.ips.outcomes.journey;

import fi.ips.events.JobEndReason;
import fi.ips.events.JobType;
import fi.ips.events.Region;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeptSummariesTest {

    private static final String SERVING = "client_journeys";
    private static final String LAPPI = Region.LAPPI.code();
    private static final String KAINUU = Region.KAINUU.code();

    /** What MongoDB holds, region → client → summary, and each read made of it. */
    private final Map<String, Map<String, JourneySummary>> stored = new HashMap<>();
    private final List<Set<String>> reads = new ArrayList<>();
    private Runnable duringRead = () -> { };
    private final KeptSummaries kept = new KeptSummaries((collection, regions) -> {
        reads.add(regions);
        Map<String, Map<String, JourneySummary>> found = new HashMap<>();
        regions.forEach(region -> found.put(region, new HashMap<>(stored.getOrDefault(region, Map.of()))));
        duringRead.run();
        return found;
    });

    @Test
    void aRegionIsReadOnceAndThenFollowsWhatIsStored() {
        store("a", summary(Region.LAPPI, 1));

        assertThat(kept.of(SERVING, Set.of(LAPPI))).containsExactly(summary(Region.LAPPI, 1));
        kept.stored(SERVING, Map.of("a", summary(Region.LAPPI, 2), "b", summary(Region.LAPPI, 3)));

        assertThat(kept.of(SERVING, Set.of(LAPPI))).containsExactlyInAnyOrder(summary(Region.LAPPI, 2), summary(Region.LAPPI, 3));
        assertThat(reads).containsExactly(Set.of(LAPPI));
    }

    @Test
    void aClientLeavesTheRegionItMovedFromAndAVoidedClientLeavesAltogether() {
        store("a", summary(Region.LAPPI, 1));
        store("b", summary(Region.LAPPI, 2));
        kept.of(SERVING, Set.of(LAPPI, KAINUU));

        kept.stored(SERVING, Map.of("a", summary(Region.KAINUU, 1), "b", voided(Region.LAPPI)));

        assertThat(kept.of(SERVING, Set.of(LAPPI))).isEmpty();
        assertThat(kept.of(SERVING, Set.of(KAINUU))).containsExactly(summary(Region.KAINUU, 1));
    }

    @Test
    void whatIsStoredWhileARegionIsReadIsNotLostToTheRead() {
        store("a", summary(Region.LAPPI, 1));
        // The projection stores two folds after the read has passed their clients: the read found the older state.
        duringRead = () -> kept.stored(SERVING, Map.of("a", summary(Region.LAPPI, 2), "b", summary(Region.LAPPI, 3)));

        assertThat(kept.of(SERVING, Set.of(LAPPI))).containsExactlyInAnyOrder(summary(Region.LAPPI, 2), summary(Region.LAPPI, 3));
        duringRead = () -> { };
        assertThat(kept.of(SERVING, Set.of(LAPPI))).containsExactlyInAnyOrder(summary(Region.LAPPI, 2), summary(Region.LAPPI, 3));
        assertThat(reads).hasSize(1);
    }

    @Test
    void onlyTheRegionsNotHeldAreRead() {
        store("a", summary(Region.LAPPI, 1));
        store("b", summary(Region.KAINUU, 2));
        kept.of(SERVING, Set.of(LAPPI));

        assertThat(kept.of(SERVING, Set.of(LAPPI, KAINUU))).containsExactlyInAnyOrder(summary(Region.LAPPI, 1), summary(Region.KAINUU, 2));
        assertThat(reads).containsExactly(Set.of(LAPPI), Set.of(KAINUU));
    }

    @Test
    void aRegionAnotherInstanceChangedIsReadAgain() {
        store("a", summary(Region.LAPPI, 1));
        kept.of(SERVING, Set.of(LAPPI, KAINUU));
        store("a", summary(Region.LAPPI, 2));

        kept.forget(Set.of(LAPPI));

        assertThat(kept.of(SERVING, Set.of(LAPPI, KAINUU))).containsExactly(summary(Region.LAPPI, 2));
        assertThat(reads).containsExactly(Set.of(LAPPI, KAINUU), Set.of(LAPPI));
    }

    @Test
    void aReadOverlappingAnotherInstancesChangeAnswersButIsNotKept() {
        store("a", summary(Region.LAPPI, 1));
        duringRead = () -> kept.forget(Set.of(LAPPI));

        assertThat(kept.of(SERVING, Set.of(LAPPI))).containsExactly(summary(Region.LAPPI, 1));
        duringRead = () -> { };
        store("a", summary(Region.LAPPI, 2));

        assertThat(kept.of(SERVING, Set.of(LAPPI))).containsExactly(summary(Region.LAPPI, 2));
        assertThat(reads).hasSize(2);
    }

    @Test
    void aSwitchOfTheServingCollectionReadsItAfreshAndIgnoresTheOthers() {
        store("a", summary(Region.LAPPI, 1));
        kept.of(SERVING, Set.of(LAPPI));
        kept.stored("client_journeys_rebuilt", Map.of("b", summary(Region.LAPPI, 2)));
        assertThat(kept.of(SERVING, Set.of(LAPPI))).containsExactly(summary(Region.LAPPI, 1));

        kept.of("client_journeys_rebuilt", Set.of(LAPPI));
        kept.stored(SERVING, Map.of("c", summary(Region.LAPPI, 3)));

        assertThat(kept.of("client_journeys_rebuilt", Set.of(LAPPI))).containsExactly(summary(Region.LAPPI, 1));
        assertThat(reads).hasSize(2);
    }

    @Test
    void aFailedReadKeepsNothingAndIsTriedAgain() {
        store("a", summary(Region.LAPPI, 1));
        duringRead = () -> {
            throw new IllegalStateException("MongoDB unreachable");
        };
        assertThatThrownBy(() -> kept.of(SERVING, Set.of(LAPPI))).hasMessage("MongoDB unreachable");
        duringRead = () -> { };

        assertThat(kept.of(SERVING, Set.of(LAPPI))).containsExactly(summary(Region.LAPPI, 1));
        assertThat(reads).hasSize(2);
    }

    @Test
    void whatIsKeptOfASummaryIsWhatTheFiguresReadWithEqualDatesShared() {
        JourneySummary whole = new JourneySummary(Region.LAPPI, false, LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 10), null,
                List.of(new JourneySummary.Job("job-1", JobType.PAID_OPEN_MARKET, LocalDate.of(2022, 4, 1), LocalDate.of(2022, 5, 1),
                        JobEndReason.CONTRACT_ENDED)),
                List.of(new JourneySummary.Studies("study-1", LocalDate.parse("2022-04-01"), null)));
        kept.of(SERVING, Set.of(LAPPI));

        kept.stored(SERVING, Map.of("a", whole));

        JourneySummary held = kept.of(SERVING, Set.of(LAPPI)).get(0);
        assertThat(held.jobs()).containsExactly(
                new JourneySummary.Job(null, JobType.PAID_OPEN_MARKET, LocalDate.of(2022, 4, 1), LocalDate.of(2022, 5, 1), JobEndReason.CONTRACT_ENDED));
        assertThat(held.studies()).containsExactly(new JourneySummary.Studies(null, LocalDate.of(2022, 4, 1), null));
        assertThat(held.studies().get(0).startedOn()).isSameAs(held.jobs().get(0).startedOn());
        assertThat(held.referredOn()).isEqualTo(LocalDate.of(2022, 3, 1));
        assertThat(held.agreementSignedOn()).isEqualTo(LocalDate.of(2022, 3, 10));
    }

    private void store(String clientId, JourneySummary summary) {
        stored.values().forEach(clients -> clients.remove(clientId));
        stored.computeIfAbsent(summary.region().code(), code -> new HashMap<>()).put(clientId, summary);
    }

    /** A summary told apart from others by its referral's day. */
    private static JourneySummary summary(Region region, int day) {
        return new JourneySummary(region, false, LocalDate.of(2022, 3, day), null, null, List.of(), List.of());
    }

    private static JourneySummary voided(Region region) {
        return new JourneySummary(region, true, LocalDate.of(2022, 3, 1), null, null, List.of(), List.of());
    }
}
