package fi.ips.outcomes.kpi;

import fi.ips.outcomes.OutcomesServiceTest;
import fi.ips.outcomes.journey.JourneyChanged;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** Two instances of the service announcing changes to each other through MongoDB. */
@OutcomesServiceTest
class LiveUpdatesTest {

    @Autowired
    MongoTemplate mongo;

    private final EmploymentKpis firstsKpis = mock(EmploymentKpis.class);
    private final EmploymentKpis secondsKpis = mock(EmploymentKpis.class);

    @Test
    void onlyAnotherInstancesChangeMakesAnInstanceReadTheRegionAgain() {
        // A region of this test's own: the context's own instance announces other tests' changes meanwhile.
        String region = "t-" + UUID.randomUUID();
        LiveUpdates first = new LiveUpdates(mongo, Clock.systemUTC(), firstsKpis);
        LiveUpdates second = new LiveUpdates(mongo, Clock.systemUTC(), secondsKpis);
        first.flush();
        second.flush();

        first.on(new JourneyChanged(region));
        first.flush();
        second.flush();

        verify(firstsKpis, never()).forget(any());
        verify(secondsKpis).forget(Set.of(region));

        second.on(new JourneyChanged(region));
        first.on(new JourneyChanged(region));
        second.flush();
        first.flush();

        verify(firstsKpis).forget(Set.of(region));
    }
}
