package net.rudp.congestion;

/**
 * BBR's bottleneck-bandwidth estimate: the largest delivery-rate sample of each of the last
 * {@code rounds} round trips, and the largest of those.
 */
final class MaxBandwidthFilter {
    private final long[] roundMax;
    private long max;

    MaxBandwidthFilter(int rounds) {
        this.roundMax = new long[rounds];
    }

    /** The estimate in bytes per second, 0 before the first sample. */
    long get() {
        return max;
    }

    /**
     * One ACK in round {@code round} ({@code roundStart} when it began it) gave {@code sample}
     * bytes per second (0: no sample that counts).
     */
    void update(long round, boolean roundStart, long sample) {
        int slot = (int) (round % roundMax.length);
        if (roundStart) roundMax[slot] = 0;
        roundMax[slot] = Math.max(roundMax[slot], sample);
        long m = 0;
        for (long r : roundMax) m = Math.max(m, r);
        max = m;
    }
}
