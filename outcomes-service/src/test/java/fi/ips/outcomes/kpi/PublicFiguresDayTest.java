package fi.ips.outcomes.kpi;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The open figures' day, against a fixed clock: a month's figures are published once it has ended,
 * not on its last day, when they may still change.
 */
class PublicFiguresDayTest {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    @Test
    void onAMonthsLastDayItsFiguresAreNotYetPublished() {
        assertPublishedAsOf("2021-03-31T12:00", null, LocalDate.of(2021, 2, 28));
        assertPublishedAsOf("2021-03-31T12:00", LocalDate.of(2021, 3, 31), LocalDate.of(2021, 2, 28));
    }

    @Test
    void theDayAfterTheyAre() {
        assertPublishedAsOf("2021-04-01T00:30", null, LocalDate.of(2021, 3, 31));
        assertPublishedAsOf("2021-04-01T00:30", LocalDate.of(2021, 3, 31), LocalDate.of(2021, 3, 31));
        assertPublishedAsOf("2021-04-01T00:30", LocalDate.of(2021, 3, 30), LocalDate.of(2021, 2, 28));
    }

    private static void assertPublishedAsOf(String now, LocalDate asked, LocalDate monthEnd) {
        EmploymentKpis kpis = mock(EmploymentKpis.class);
        when(kpis.allRegions(any())).thenReturn(List.of());
        Clock clock = Clock.fixed(ZonedDateTime.of(java.time.LocalDateTime.parse(now), HELSINKI).toInstant(), HELSINKI);

        new OutcomesController(kpis, null, clock).publicFigures(asked);

        verify(kpis).allRegions(monthEnd);
    }
}
