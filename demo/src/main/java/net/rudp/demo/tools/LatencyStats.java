package net.rudp.demo.tools;

import java.util.Arrays;

/**
 * A summary of round-trip times, in nanoseconds. Percentiles are nearest-rank: p99 of 100
 * samples is the 99th smallest, so it is always a time that was actually measured.
 *
 * @param mdev the standard deviation (ping's "mdev": the square root of the mean square minus the squared mean)
 */
public record LatencyStats(int count, long min, long p50, long p99, long max, long mean, long mdev) {

    /** Summarises {@code nanos}, which must not be empty. */
    public static LatencyStats of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("latency statistics need at least one sample");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        double sumOfSquares = 0;
        for (long n : sorted) {
            sum += n;
            sumOfSquares += (double) n * n;
        }
        double mean = sum / sorted.length;
        long mdev = Math.round(Math.sqrt(Math.max(0, sumOfSquares / sorted.length - mean * mean)));
        return new LatencyStats(sorted.length, sorted[0], percentile(sorted, 50), percentile(sorted, 99),
            sorted[sorted.length - 1], Math.round(mean), mdev);
    }

    /** The smallest sample that at least {@code p} percent of the samples do not exceed. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
