package fi.ips.outcomes.kpi;

import fi.ips.events.Region;
import fi.ips.support.problem.RuleViolationException;
import fi.ips.support.security.Caller;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/** The KPIs, nationally and per wellbeing services county, as of any date (event time). */
@RestController
@RequestMapping("/api/v1/outcomes")
class OutcomesController {

    private final EmploymentKpis kpis;

    OutcomesController(EmploymentKpis kpis) {
        this.kpis = kpis;
    }

    @GetMapping("/national")
    @PreAuthorize("hasAnyRole('COUNTY', 'COORDINATOR')")
    EmploymentFigures national(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return kpis.figures(null, asOf == null ? LocalDate.now() : asOf);
    }

    /** A county reads its own region (and the national row); the coordinator reads every region. */
    @GetMapping("/regions/{code}")
    @PreAuthorize("hasAnyRole('COUNTY', 'COORDINATOR')")
    EmploymentFigures region(@PathVariable String code,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        if (!Region.isCode(code)) {
            throw RuleViolationException.notFound("No wellbeing services county with code " + code);
        }
        Region region = Region.ofCode(code);
        Caller.current().requireRead(region, "region");
        return kpis.figures(region, asOf == null ? LocalDate.now() : asOf);
    }
}
