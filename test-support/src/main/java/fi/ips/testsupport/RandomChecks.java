package fi.ips.testsupport;

import java.security.SecureRandom;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Checks a property on values drawn at random. Each run starts from a new seed (so runs over time
 * cover more), named on failure with the try that failed: {@code -Dips.property.seed=…} repeats it.
 */
public final class RandomChecks {

    static final String SEED = "ips.property.seed";

    private RandomChecks() {
    }

    /** {@code property} must hold for {@code tries} values of {@code draw}. */
    public static <T> void forAll(int tries, Draw<T> draw, Consumer<T> property) {
        Long given = Long.getLong(SEED);
        long seed = given != null ? given : new SecureRandom().nextLong();
        for (int i = 0; i < tries; i++) {
            T value = draw.from(new Random(seed + i));
            try {
                property.accept(value);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("Try " + (i + 1) + " of " + tries + " failed (seed " + seed + ": run again with -D" + SEED
                        + "=" + seed + ") for " + value + "\n" + e.getMessage(), e);
            }
        }
    }
}
