package net.rudp.demo.testbed;

import java.time.Duration;

/**
 * How late the delay line delivered packets compared with when the link said they were due:
 * the emulator's own timing error, in microsecond buckets up to 100 ms. Thread-safe.
 */
public final class LatenessHistogram {
    private static final int BUCKETS = 100_000;

    private final long[] counts = new long[BUCKETS + 1]; // the last bucket: 100 ms or more
    private long total;
    private long maxNanos;

    /** Records one delivery {@code latenessNanos} after its due time. */
    public synchronized void record(long latenessNanos) {
        long micros = Math.max(0, latenessNanos) / 1000;
        counts[(int) Math.min(micros, BUCKETS)]++;
        total++;
        maxNanos = Math.max(maxNanos, latenessNanos);
    }

    /** How many deliveries were recorded. */
    public synchronized long count() {
        return total;
    }

    /** The lateness that {@code fraction} (0 to 1) of the deliveries did not exceed, to the microsecond. */
    public synchronized Duration percentile(double fraction) {
        if (total == 0) {
            return Duration.ZERO;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int micros = 0; micros < counts.length; micros++) {
            seen += counts[micros];
            if (seen >= Math.max(1, rank)) {
                return Duration.ofNanos(micros * 1000L);
            }
        }
        return Duration.ofNanos(maxNanos);
    }

    /** The latest delivery. */
    public synchronized Duration max() {
        return Duration.ofNanos(maxNanos);
    }
}
