package fi.ips.support.idempotency;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids the service makes up for a new client, job or study. With an {@code Idempotency-Key} the id
 * follows from the caller, the endpoint and the key, so that a retry after a crash (the first
 * answer lost with the service) repeats the same command, which the aggregates recognise as a
 * resubmission, instead of creating a second client. Without a key it is random. A UUID never holds
 * a personal identity code as {@link fi.ips.support.privacy.PersonalIdentityCodes} looks for them.
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
                return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
            }
        }
        return UUID.randomUUID().toString();
    }
}
