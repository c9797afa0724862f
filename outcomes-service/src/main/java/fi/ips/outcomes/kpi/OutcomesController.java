package fi.ips.outcomes.kpi;

import fi.ips.events.Region;
import fi.ips.support.problem.RuleViolationException;
import org.springframework.format.annotation.DateTimeFormat;
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
    EmploymentFigures national(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return kpis.figures(null, asOf == null ? LocalDate.now() : asOf);
    }

    @GetMapping("/regions/{code}")
    EmploymentFigures region(@PathVariable String code,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        if (!Region.isCode(code)) {
            throw RuleViolationException.notFound("No wellbeing services county with code " + code);
        }
        return kpis.figures(Region.ofCode(code), asOf == null ? LocalDate.now() : asOf);
    }
}
