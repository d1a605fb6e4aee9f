package net.rudp.testkit;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The project's one property-test harness (DEVELOPERS.md, "Property tests").
 *
 * <p>Each case is drawn from its own seed by a {@link SplittableRandom}. A property runs
 * {@code tries} cases, or more with {@code -Drudp.tries=N}. Case seeds derive from the property's
 * name, so a run is the same on every machine. When a case fails, the harness shrinks it (the
 * property supplies simpler variants: a smaller payload, a milder impairment) for as long as a
 * simpler variant still fails, then fails the test with the seed, the original case, the smallest
 * failing case and the one line that replays it: {@code -Drudp.seed=S} runs exactly that case.
 *
 * <pre>{@code
 * Property.of("decode(encode(p)) == p", PacketGen::anyPacket)
 *         .tries(500)
 *         .check(p -> assertEquals(p, roundTrip(p)));
 * }</pre>
 *
 * @param <T> the case type; its {@code toString} is what a failure prints
 */
public final class Property<T> {

    /** Cases to run when the property does not say. */
    public static final int DEFAULT_TRIES = 200;
    private static final int MAX_SHRINK_STEPS = 200;

    /** A check over one case: throws (usually an {@link AssertionError}) when the property does not hold. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T value) throws Exception;
    }

    private final String name;
    private final Function<SplittableRandom, T> generator;
    private Function<T, List<T>> shrinker = t -> List.of();
    private int tries = DEFAULT_TRIES;

    private Property(String name, Function<SplittableRandom, T> generator) {
        this.name = Objects.requireNonNull(name);
        this.generator = Objects.requireNonNull(generator);
    }

    public static <T> Property<T> of(String name, Function<SplittableRandom, T> generator) {
        return new Property<>(name, generator);
    }

    /** Number of cases when {@code -Drudp.tries} is not set (or is smaller). */
    public Property<T> tries(int n) {
        if (n < 1) throw new IllegalArgumentException("tries must be positive: " + n);
        this.tries = n;
        return this;
    }

    /** Simpler variants of a failing case, tried in order; the first that still fails is shrunk further. */
    public Property<T> shrinkWith(Function<T, List<T>> shrinker) {
        this.shrinker = Objects.requireNonNull(shrinker);
        return this;
    }

    /** Runs the property; returns the number of cases checked. */
    public int check(Check<T> check) {
        Long replay = longProperty("rudp.seed");
        if (replay != null) {
            runCase(check, replay, -1);
            return 1;
        }
        int n = Math.max(tries, intProperty("rudp.tries", 0));
        long base = baseSeed(name);
        for (int i = 0; i < n; i++) {
            runCase(check, caseSeed(base, i), i);
        }
        return n;
    }

    /** The seed of case {@code index} of the property called {@code name}. */
    public static long caseSeed(String name, int index) {
        return caseSeed(baseSeed(name), index);
    }

    private void runCase(Check<T> check, long seed, int index) {
        T value = generator.apply(new SplittableRandom(seed));
        Throwable failure = failureOf(check, value);
        if (failure == null) return;

        T smallest = value;
        Throwable smallestFailure = failure;
        int steps = 0;
        boolean progressed = true;
        while (progressed && steps < MAX_SHRINK_STEPS) {
            progressed = false;
            for (T candidate : shrinker.apply(smallest)) {
                if (++steps > MAX_SHRINK_STEPS) break;
                Throwable f = failureOf(check, candidate);
                if (f != null) {
                    smallest = candidate;
                    smallestFailure = f;
                    progressed = true;
                    break;
                }
            }
        }
        StringBuilder msg = new StringBuilder()
            .append("property '").append(name).append("' failed")
            .append(index >= 0 ? " at case " + index : " (replayed)")
            .append(", seed ").append(seed).append('\n')
            .append("  case:     ").append(value).append('\n');
        if (smallest != value) {
            msg.append("  shrunk:   ").append(smallest).append('\n');
        }
        msg.append("  failure:  ").append(smallestFailure).append('\n')
           .append("  replay:   -Drudp.seed=").append(seed)
           .append(" (with -Dtest=<this test> ; replays the original case, then shrinks again)");
        // Surefire prints the message (seed, case, replay line) with the failure.
        throw new AssertionError(msg.toString(), smallestFailure);
    }

    private static <T> Throwable failureOf(Check<T> check, T value) {
        try {
            check.accept(value);
            return null;
        } catch (Exception | AssertionError e) {
            return e;
        }
    }

    private static long baseSeed(String name) {
        // Stable across JVMs (String.hashCode is specified), spread by one SplitMix step.
        return new SplittableRandom(name.hashCode()).nextLong();
    }

    private static long caseSeed(long base, int index) {
        return new SplittableRandom(base + 0x9E3779B97F4A7C15L * (index + 1)).nextLong();
    }

    static int intProperty(String key, int fallback) {
        String v = System.getProperty(key);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    static Long longProperty(String key) {
        String v = System.getProperty(key);
        return v == null || v.isBlank() ? null : Long.parseLong(v.trim());
    }
}
