package fi.ips.support.problem;

import fi.ips.support.security.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Set;

/**
 * {@code ips.submissions.refused}: submissions answered by a broken rule, per rule, operation (the
 * method and the endpoint's path pattern, and a batch item's operation: no ids) and region (the
 * caller's, when it has one; the body may be what was wrong).
 */
public final class RefusedSubmissions {

    private final ObjectProvider<MeterRegistry> meters;

    public RefusedSubmissions(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters;
    }

    /** A refused request. */
    public void count(String rule) {
        count(rule, null);
    }

    /** A refused item of a batch request; {@code item} is one of the batch's operation names, never the caller's text. */
    public void count(String rule, String item) {
        String operation = "other";
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String method = attributes.getRequest().getMethod();
            if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method)) {
                // A read is no submission: a client id looked up in vain is not a refused event.
                return;
            }
            if (attributes.getRequest().getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
                operation = method + " " + pattern;
            }
        }
        if (item != null) {
            operation += " " + item;
        }
        Set<String> regions = Caller.current().regions();
        String region = regions.size() == 1 ? regions.iterator().next() : "any";
        String tagged = operation;
        meters.ifAvailable(registry -> registry.counter("ips.submissions.refused", "rule", rule, "operation", tagged, "region", region)
                .increment());
    }
}
