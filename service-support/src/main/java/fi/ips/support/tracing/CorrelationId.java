package fi.ips.support.tracing;

import fi.ips.support.privacy.PersonalIdentityCodes;

import java.util.regex.Pattern;

/**
 * The correlation id of a request: set by the gateway ({@code X-Correlation-Id}), logged with
 * every line (MDC key {@code correlationId}), carried in Axon's message metadata under
 * {@code ipsCorrelationId} (Axon's own {@code correlationId} names the causing message) and on
 * Kafka as the CloudEvents extension {@code ce_correlationid}.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    public static final String KEY = "correlationId";
    public static final String METADATA_KEY = "ipsCorrelationId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CorrelationId() {
    }

    /**
     * Only plain tokens are taken over from callers, and none holding a personal identity code:
     * nothing else reaches logs or events (a refused one is replaced by a new id).
     */
    public static boolean isAcceptable(String value) {
        return value != null && ACCEPTED.matcher(value).matches() && !PersonalIdentityCodes.containsOne(value);
    }
}
