package fi.ips.outcomes.kpi;

import fi.ips.events.Region;
import fi.ips.outcomes.AsOf;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.support.security.Caller;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The KPIs, nationally and per wellbeing services county, as of any date (event time; today by
 * default). The coordinator reads every region; a county its own region and the national row;
 * anyone the public figures, with small numbers suppressed.
 */
@RestController
@RequestMapping("/api/v1/outcomes")
class OutcomesController {

    /** The longest time series one request may ask for. */
    private static final int MAX_MONTHS = 240;

    private final EmploymentKpis kpis;
    private final LiveUpdates live;
    private final Clock clock;

    OutcomesController(EmploymentKpis kpis, LiveUpdates live, Clock clock) {
        this.kpis = kpis;
        this.live = live;
        this.clock = clock;
    }

    /** Server-Sent Events: a {@code figures-changed} message whenever figures the caller may read change. */
    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasAnyRole('COUNTY', 'COORDINATOR')")
    SseEmitter live() {
        return live.subscribe(Caller.current());
    }

    @GetMapping("/national")
    @PreAuthorize("hasAnyRole('COUNTY', 'COORDINATOR')")
    OutcomeFigures national(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return kpis.national(orToday(asOf));
    }

    /** Every region the caller may read, then the national row. */
    @GetMapping("/regions")
    @PreAuthorize("hasAnyRole('COUNTY', 'COORDINATOR')")
    List<OutcomeFigures> regions(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        Caller caller = Caller.current();
        return kpis.allRegions(orToday(asOf)).stream()
                .filter(row -> row.region() == null || caller.mayRead(Region.ofCode(row.region())))
                .toList();
    }

    @GetMapping("/regions/{code}")
    @PreAuthorize("hasAnyRole('COUNTY', 'COORDINATOR')")
    OutcomeFigures region(@PathVariable String code,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return kpis.region(readableRegion(code), orToday(asOf));
    }

    /** The figures at the end of each month from {@code from} to {@code to}: a region's, or the national ones without {@code region}. */
    @GetMapping("/monthly")
    @PreAuthorize("hasAnyRole('COUNTY', 'COORDINATOR')")
    List<OutcomeFigures> monthly(@RequestParam(required = false) String region,
                                 @RequestParam @DateTimeFormat(pattern = "yyyy-MM") YearMonth from,
                                 @RequestParam @DateTimeFormat(pattern = "yyyy-MM") YearMonth to) {
        if (to.isBefore(from)) {
            throw RuleViolationException.unprocessable("period-order", "to", "to must not be before from");
        }
        // from and to both count: from + 239 months is the 240th.
        if (from.plusMonths(MAX_MONTHS - 1).isBefore(to)) {
            throw RuleViolationException.unprocessable("period-too-long", "to", "at most " + MAX_MONTHS + " months at a time");
        }
        LocalDate today = LocalDate.now(clock);
        if (YearMonth.from(today).isBefore(to)) {
            throw RuleViolationException.unprocessable("date-in-future", "to", "to must not be after the current month");
        }
        return kpis.monthly(region == null ? null : readableRegion(region), from, to, today);
    }

    /**
     * Open data: every region and the national row, counts under 5 and rates from fewer than 5
     * clients suppressed, as of the end of a month that has ended only (the last one on or before the
     * date asked for): figures of two days a day apart would show one client's change.
     */
    @GetMapping("/public")
    List<Map<String, Object>> publicFigures(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        // A month that has ended: on a month's last day, figures as of that day would still change.
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        LocalDate day = asOf == null || orToday(asOf).isAfter(yesterday) ? yesterday : asOf;
        LocalDate monthEnd = day.equals(YearMonth.from(day).atEndOfMonth()) ? day : YearMonth.from(day).minusMonths(1).atEndOfMonth();
        return kpis.allRegions(monthEnd).stream().map(SmallCellSuppression::apply).toList();
    }

    private Region readableRegion(String code) {
        if (!Region.isCode(code)) {
            // The code is the caller's text: not repeated (it could be anything, a personal identity code too).
            throw RuleViolationException.notFound("No wellbeing services county with this code: the codes are 01-21, 90 and 91");
        }
        Region region = Region.ofCode(code);
        Caller.current().requireReadableRegion(region);
        return region;
    }

    private LocalDate orToday(LocalDate asOf) {
        return AsOf.orToday(asOf, clock);
    }
}
