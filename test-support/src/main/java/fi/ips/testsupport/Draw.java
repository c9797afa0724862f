package fi.ips.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A value drawn at random, for the property tests ({@link RandomChecks}): every draw of a try
 * comes from that try's {@link Random}, so a seed repeats the whole try.
 */
@FunctionalInterface
public interface Draw<T> {

    T from(Random random);

    default <R> Draw<R> map(Function<? super T, ? extends R> f) {
        return random -> f.apply(from(random));
    }

    /** Null in about {@code share} of the draws (an optional field left out). */
    default Draw<T> orNull(double share) {
        return random -> random.nextDouble() < share ? null : from(random);
    }

    /** Lists of {@code min} to {@code max} draws. */
    default Draw<List<T>> list(int min, int max) {
        return random -> {
            int size = min + random.nextInt(max - min + 1);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(from(random));
            }
            return values;
        };
    }

    static <T> Draw<T> just(T value) {
        return random -> value;
    }

    @SafeVarargs
    static <T> Draw<T> of(T... values) {
        List<T> all = List.of(values);
        return random -> all.get(random.nextInt(all.size()));
    }

    static <E extends Enum<E>> Draw<E> of(Class<E> type) {
        return of(type.getEnumConstants());
    }

    static Draw<Integer> between(int min, int max) {
        return random -> min + random.nextInt(max - min + 1);
    }

    /** One of the draws, each as often as its weight says. */
    static <T> Draw<T> weighted(List<Weighted<T>> draws) {
        int total = draws.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<T> draw : draws) {
                pick -= draw.weight();
                if (pick < 0) {
                    return draw.draw().from(random);
                }
            }
            throw new IllegalStateException("weights changed while drawing");
        };
    }

    record Weighted<T>(int weight, Draw<T> draw) {
    }
}
