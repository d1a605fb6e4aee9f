package net.rudp.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import java.util.function.LongFunction;
import net.rudp.impair.ImpairmentProfile;

/**
 * Random {@link ImpairmentProfile}s for property tests, and their shrinker:
 *
 * <pre>{@code
 * Property.of("transfer survives any link", ProfileGen::anyProfile)
 *         .shrinkWith(ProfileGen::milder)
 *         .check(profile -> ...);
 * }</pre>
 *
 * <p>Each impairment is present in about half the cases, so that cases with few impairments are
 * common. Values are rounded (0.1% steps, 0.1 ms steps, whole kbit/s) to keep printed cases short.
 */
public final class ProfileGen {
    private ProfileGen() {}

    private static final long MS = 1_000_000L;
    private static final double SMALLEST_HALVED_PROBABILITY = 0.002;
    private static final long SMALLEST_HALVED_NANOS = 2 * MS;
    private static final long FASTEST_DOUBLED_RATE = 1_000_000_000L;

    /**
     * A profile within: loss 0-50%, duplication 0-20%, reordering 0-30% (hold 1-50 ms), corruption
     * 0-10%, truncation 0-5%, delay 0-200 ms, jitter 0-50 ms, rate unlimited or 1-100 Mbit/s
     * (log-uniform) with a queue of 10-300 ms.
     */
    public static ImpairmentProfile anyProfile(SplittableRandom r) {
        ImpairmentProfile p = ImpairmentProfile.NONE
            .withLoss(probability(r, 0.5))
            .withDuplication(probability(r, 0.2))
            .withCorruption(probability(r, 0.1))
            .withTruncation(probability(r, 0.05))
            .withDelay(tenthsOfMs(r, 200), tenthsOfMs(r, 50));
        double reorder = probability(r, 0.3);
        if (reorder > 0) p = p.withReordering(reorder, MS + tenthsOfMs(r, 49));
        if (r.nextBoolean()) {
            long kbit = Math.round(Math.exp(r.nextDouble(Math.log(1_000), Math.log(100_000))));
            p = p.withRate(kbit * 1_000, 10 * MS + tenthsOfMs(r, 290));
        }
        return p;
    }

    /**
     * Milder variants of {@code p}, most simplifying first: each impairment removed, then each
     * halved (a rate limit doubled instead). Values too small to halve usefully are only removed,
     * so shrinking ends.
     */
    public static List<ImpairmentProfile> milder(ImpairmentProfile p) {
        List<ImpairmentProfile> removed = new ArrayList<>();
        List<ImpairmentProfile> halved = new ArrayList<>();
        probability(p.loss(), p::withLoss, removed, halved);
        probability(p.duplication(), p::withDuplication, removed, halved);
        probability(p.corruption(), p::withCorruption, removed, halved);
        probability(p.truncation(), p::withTruncation, removed, halved);
        if (p.reordering() > 0) {
            removed.add(p.withReordering(0, 0));
            if (p.reordering() >= SMALLEST_HALVED_PROBABILITY) {
                halved.add(p.withReordering(p.reordering() / 2, p.reorderHoldNanos()));
            }
            if (p.reorderHoldNanos() >= SMALLEST_HALVED_NANOS) {
                halved.add(p.withReordering(p.reordering(), p.reorderHoldNanos() / 2));
            }
        }
        duration(p.delayNanos(), d -> p.withDelay(d, p.jitterNanos()), removed, halved);
        duration(p.jitterNanos(), j -> p.withDelay(p.delayNanos(), j), removed, halved);
        if (p.rateBitsPerSecond() > 0) {
            removed.add(p.withRate(0, 0));
            if (p.rateBitsPerSecond() < FASTEST_DOUBLED_RATE) {
                halved.add(p.withRate(2 * p.rateBitsPerSecond(), p.queueNanos()));
            }
        }
        removed.addAll(halved);
        return removed;
    }

    private static double probability(SplittableRandom r, double max) {
        return r.nextBoolean() ? 0 : r.nextInt((int) Math.round(max * 1000) + 1) / 1000.0;
    }

    private static long tenthsOfMs(SplittableRandom r, int maxMs) {
        return r.nextBoolean() ? 0 : r.nextInt(maxMs * 10 + 1) * (MS / 10);
    }

    private static void probability(double value, DoubleFunction<ImpairmentProfile> with,
            List<ImpairmentProfile> removed, List<ImpairmentProfile> halved) {
        if (value == 0) return;
        removed.add(with.apply(0));
        if (value >= SMALLEST_HALVED_PROBABILITY) halved.add(with.apply(value / 2));
    }

    private static void duration(long nanos, LongFunction<ImpairmentProfile> with,
            List<ImpairmentProfile> removed, List<ImpairmentProfile> halved) {
        if (nanos == 0) return;
        removed.add(with.apply(0));
        if (nanos >= SMALLEST_HALVED_NANOS) halved.add(with.apply(nanos / 2));
    }
}
