package net.rudp.demo.tools;

import java.util.Arrays;

/**
 * A summary of round-trip times, in nanoseconds. Percentiles are nearest-rank: p99 of 100
 * samples is the 99th smallest, so it is always a time that was actually measured.
 */
record LatencyStats(int count, long min, long p50, long p99, long max, long mean) {

    /** Summarises {@code nanos}, which must not be empty. */
    static LatencyStats of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("latency statistics need at least one sample");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        long sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        return new LatencyStats(sorted.length, sorted[0], percentile(sorted, 50), percentile(sorted, 99),
            sorted[sorted.length - 1], sum / sorted.length);
    }

    /** The smallest sample that at least {@code p} percent of the samples do not exceed. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
