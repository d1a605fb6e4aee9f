package net.rudp.io;

/**
 * Says when a growing count deserves a warning line: once it grew by {@code threshold} within
 * one interval, and then at most once per interval, each time with how much it grew since the
 * last line, so a flood cannot flood the log and a slow trickle below the threshold stays quiet.
 * Guarded by the endpoint lock.
 */
final class BurstWarning {

    /** At most one line per this long, as {@link DatagramErrors} warns. */
    static final long INTERVAL_NANOS = DatagramErrors.WARN_INTERVAL_NANOS;

    private final long intervalNanos;
    private final long threshold;
    /** The count the growth is measured from: at the last warning, or at the start of the current interval. */
    private long base;
    private long seen;
    private long intervalStart;
    private long lastWarning;
    private boolean warned;

    /** @param threshold the growth within an interval that is worth a line (1: every growth) */
    BurstWarning(long threshold) {
        this(threshold, INTERVAL_NANOS);
    }

    BurstWarning(long threshold, long intervalNanos) {
        this.threshold = threshold;
        this.intervalNanos = intervalNanos;
    }

    /**
     * The count is {@code total} at {@code now}.
     *
     * @return the growth to warn about now, or 0 for no line
     */
    long check(long total, long now) {
        if (total == seen) return 0;
        long previous = seen;
        seen = total;
        if (warned && now - lastWarning < intervalNanos) return 0; // counted: the next line tells it
        if (total - base >= threshold) {
            long growth = total - base;
            base = total;
            lastWarning = now;
            intervalStart = now;
            warned = true;
            return growth;
        }
        if (now - intervalStart >= intervalNanos) {
            // A new interval: growth before it was a trickle, not a burst.
            intervalStart = now;
            base = previous;
        }
        return 0;
    }
}
