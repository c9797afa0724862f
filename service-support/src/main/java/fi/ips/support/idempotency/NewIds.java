package fi.ips.support.idempotency;

import fi.ips.support.privacy.PersonalIdentityCodes;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Ids the service makes up for a new client, job or study. With an {@code Idempotency-Key} the id
 * follows from the caller, the endpoint and the key, so that a retry after a crash (the first
 * answer lost with the service) repeats the same command, which the aggregates recognise as a
 * resubmission, instead of creating a second client. Without a key it is random.
 */
public final class NewIds {

    private NewIds() {
    }

    public static String forThisRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String key = request.getHeader(IdempotencyKeyFilter.HEADER);
            if (key != null) {
                Authentication caller = SecurityContextHolder.getContext().getAuthentication();
                String name = (caller == null ? "anonymous" : caller.getName()) + "\n" + request.getRequestURI() + "\n" + key;
                return withoutIdentityCode(attempt -> UUID.nameUUIDFromBytes((attempt == 0 ? name : name + "\n" + attempt)
                        .getBytes(StandardCharsets.UTF_8)).toString());
            }
        }
        return withoutIdentityCode(attempt -> UUID.randomUUID().toString());
    }

    /**
     * The first candidate that does not look like it holds a personal identity code: a UUID's hex
     * can (e.g. {@code 140271e9044}), and the service would then refuse its own id on the next request.
     * The candidates of a key are numbered, so that a retry gets the same id.
     */
    static String withoutIdentityCode(IntFunction<String> candidate) {
        for (int attempt = 0; ; attempt++) {
            String id = candidate.apply(attempt);
            if (!PersonalIdentityCodes.containsOne(id)) {
                return id;
            }
        }
    }
}
