package fi.ips.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataTest {

    @Test
    void theDemoJourneysHaveThlsApril2022Figures() {
        List<DemoData.Journey> journeys = DemoData.journeys();
        List<DemoData.Journey> agreed = journeys.stream()
                .filter(j -> j.signedOn() != null && !j.signedOn().isAfter(DemoData.END_OF_APRIL_2022)).toList();
        long employed = agreed.stream().filter(j -> j.jobType() != null && j.jobType().startsWith("PAID")
                && !j.jobStartedOn().isBefore(j.signedOn()) && !j.jobStartedOn().isAfter(DemoData.END_OF_APRIL_2022)).count();

        assertThat(agreed).hasSize(401);
        assertThat(employed).isEqualTo(133);
        assertThat((double) employed / agreed.size()).isBetween(0.3315, 0.3325);
    }

    @Test
    void theJourneysAreTheSameEveryTimeSoLoadingTwiceStoresNothingNew() {
        assertThat(DemoData.journeys()).isEqualTo(DemoData.journeys());
        assertThat(DemoData.journeys()).extracting(DemoData.Journey::clientId).doesNotHaveDuplicates();
    }

    @Test
    void noDateIsInTheFutureOrBeforeItsReferral() {
        for (DemoData.Journey j : DemoData.journeys()) {
            assertThat(j.signedOn() == null || !j.signedOn().isBefore(j.referredOn())).as(j.clientId()).isTrue();
            assertThat(j.jobStartedOn() == null || !j.jobStartedOn().isBefore(j.referredOn())).as(j.clientId()).isTrue();
            assertThat(j.jobStartedOn() == null || j.jobStartedOn().isBefore(java.time.LocalDate.now())).as(j.clientId()).isTrue();
        }
    }
}
