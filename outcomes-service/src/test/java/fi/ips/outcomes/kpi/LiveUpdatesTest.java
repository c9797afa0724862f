package fi.ips.outcomes.kpi;

import fi.ips.outcomes.OutcomesServiceTest;
import fi.ips.outcomes.journey.JourneyChanged;
import fi.ips.support.security.Caller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Instances of the service announcing changes to each other through MongoDB. */
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
        LiveUpdates first = new LiveUpdates(mongo, Clock.systemUTC(), firstsKpis, new SimpleMeterRegistry());
        LiveUpdates second = new LiveUpdates(mongo, Clock.systemUTC(), secondsKpis, new SimpleMeterRegistry());
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

    @Test
    void aRegionIsAnnouncedAtOnceThenAtMostOnceIn250Ms() {
        String region = "t-" + UUID.randomUUID();
        Clock clock = mock(Clock.class);
        LiveUpdates live = new LiveUpdates(mongo, clock, firstsKpis, new SimpleMeterRegistry());
        when(clock.millis()).thenReturn(10_000L);
        live.flush();

        live.on(new JourneyChanged(region));
        live.flush();
        assertThat(version(region)).as("announced at the first look").isEqualTo(1);

        live.on(new JourneyChanged(region));
        when(clock.millis()).thenReturn(10_200L);
        live.flush();
        assertThat(version(region)).as("200 ms later").isEqualTo(1);

        live.on(new JourneyChanged(region));
        when(clock.millis()).thenReturn(10_250L);
        live.flush();
        assertThat(version(region)).as("the changes of the 250 ms after, as one").isEqualTo(2);

        live.flush();
        assertThat(version(region)).as("nothing changed since").isEqualTo(2);
    }

    /**
     * A dashboard's stream ends once the token it was opened with has expired (beyond the 60 s the
     * token checks allow), at the next keep-alive or change, and only then.
     */
    @Test
    void aStreamEndsWhenItsTokenExpires() {
        Instant opened = Instant.parse("2026-12-07T08:00:00Z");
        Clock clock = mock(Clock.class);
        at(clock, opened);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LiveUpdates live = new LiveUpdates(mongo, clock, firstsKpis, meters);
        live.subscribe(coordinator(opened.plusSeconds(300)));
        live.subscribe(coordinator(opened.plusSeconds(600)));
        live.keepAlive();
        assertThat(subscribers(meters)).isEqualTo(2);

        at(clock, opened.plusSeconds(360));
        live.keepAlive();
        assertThat(subscribers(meters)).as("the first token expired, but within the allowed skew").isEqualTo(2);
        at(clock, opened.plusSeconds(361));
        live.keepAlive();
        assertThat(subscribers(meters)).as("the first token expired").isEqualTo(1);

        at(clock, opened.plusSeconds(661));
        live.on(new JourneyChanged("14"));
        live.flush();
        assertThat(subscribers(meters)).as("the second token expired, found as a change is told").isZero();
    }

    private static void at(Clock clock, Instant now) {
        when(clock.instant()).thenReturn(now);
        when(clock.millis()).thenReturn(now.toEpochMilli());
    }

    private static Caller coordinator(Instant expiresAt) {
        return new Caller("thl", Set.of(Caller.COORDINATOR), Set.of(), expiresAt);
    }

    private static double subscribers(SimpleMeterRegistry meters) {
        return meters.get("ips.outcomes.live.subscribers").gauge().value();
    }

    private long version(String region) {
        Document changes = mongo.findById(region, Document.class, "outcomes_changes");
        return changes == null ? 0 : changes.get("version", Number.class).longValue();
    }
}
