package fi.ips.testsupport;

import java.security.SecureRandom;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Checks a property on values drawn at random. Each run starts from a new seed (so runs over time
 * cover more), named on failure with the try that failed: {@code -Dips.property.seed=…} repeats the
 * run. Nothing is shrunk: a failure shows the whole value drawn, and the property's own message
 * (e.g. {@link CommandSequences}' journal of what each command was answered) says where it broke.
 */
public final class RandomChecks {

    static final String SEED = "ips.property.seed";

    private RandomChecks() {
    }

    /** {@code property} must hold for {@code tries} values of {@code draw}. */
    public static <T> void forAll(int tries, Draw<T> draw, Consumer<T> property) {
        long seed = runSeed();
        // Each try's own seed, well mixed: java.util.Random's first draws of seeds 1 apart are nearly alike.
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int i = 0; i < tries; i++) {
            T value = draw.from(new Random(seeds.nextLong()));
            try {
                property.accept(value);
            } catch (Throwable e) {
                throw new AssertionError("Try " + (i + 1) + " of " + tries + " failed (run again with -D" + SEED + "=" + seed
                        + ") for " + value + "\n" + e.getMessage(), e);
            }
        }
    }

    private static long runSeed() {
        String given = System.getProperty(SEED);
        if (given == null || given.isBlank()) {
            return new SecureRandom().nextLong();
        }
        try {
            return Long.parseLong(given.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED + " must be a whole number (a seed a failure named), not '" + given + "'", e);
        }
    }
}
