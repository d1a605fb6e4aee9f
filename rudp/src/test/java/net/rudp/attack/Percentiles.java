package net.rudp.attack;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of samples (latencies, costs). */
final class Percentiles {
    private final long[] sorted;

    Percentiles(long[] samples) {
        sorted = samples.clone();
        Arrays.sort(sorted);
    }

    /** The {@code p}-th percentile (0 to 100), or -1 without samples. */
    long at(double p) {
        if (sorted.length == 0) return -1;
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    int count() {
        return sorted.length;
    }
}
