package fi.ips.outcomes.stream;

import fi.ips.support.startup.InvalidSettingException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Per-subscriber pseudonyms for the ids in the event streams: a keyed hash (HMAC-SHA-256) of the
 * subscriber and the id. The same subscriber always gets the same pseudonym for a client, so it
 * can follow a journey; two subscribers get different ones, so they cannot join their data on
 * the platform's ids; without the key nobody can go back.
 */
final class Pseudonyms {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String VARIABLE = "IPS_STREAMS_PSEUDONYM_KEY";

    /** One keyed MAC per thread (each stream has its own): not made anew for every id of every event. */
    private final ThreadLocal<Mac> macs;

    /**
     * @param key the secret; refused when missing, short, or still the deployment files' placeholder,
     *            because pseudonyms made with a published key can be reversed by anyone with the ids
     */
    Pseudonyms(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidSettingException(VARIABLE, "is not set (ips.streams.pseudonym-key): give it a secret of"
                    + " at least 32 characters, and keep it, since a new key gives every integrator new pseudonyms");
        }
        if (key.startsWith("PLACEHOLDER")) {
            throw new InvalidSettingException(VARIABLE, "is still the deployment files'"
                    + " placeholder: replace it with a secret of at least 32 characters");
        }
        if (key.length() < 32) {
            throw new InvalidSettingException(VARIABLE, "must be at least 32 characters");
        }
        SecretKeySpec secret = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(secret);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(ALGORITHM + " is missing from this JVM", e);
            }
        });
    }

    String of(String subscriber, String id) {
        byte[] hash = macs.get().doFinal((subscriber + "\n" + id).getBytes(StandardCharsets.UTF_8));
        return "ps-" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
    }
}
