package fi.ips.outcomes.stream;

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

    private final byte[] key;

    Pseudonyms(String key) {
        if (key == null || key.length() < 32) {
            throw new IllegalArgumentException("ips.streams.pseudonym-key must be at least 32 characters");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    String of(String subscriber, String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] hash = mac.doFinal((subscriber + "\n" + id).getBytes(StandardCharsets.UTF_8));
            return "ps-" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
