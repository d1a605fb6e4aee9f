package net.rudp.congestion;

/**
 * The windowed minimum RTT: the smallest sample seen, replaced by any sample no larger, and by
 * the next sample at all once it is older than the window (a path whose delay grew must not
 * keep its old minimum forever). RFC 8985's RACK and BBR's round-trip propagation time both use
 * one; BBR also refreshes its estimate's age when PROBE_RTT has confirmed it.
 */
public final class MinRttFilter {
    /** Ten seconds, as Linux and BBR keep the minimum. */
    public static final long DEFAULT_WINDOW_NANOS = 10_000_000_000L;

    private final long windowNanos;
    private long min;
    private long stampNanos;

    public MinRttFilter(long windowNanos) {
        if (windowNanos <= 0) throw new IllegalArgumentException("a min-RTT window must be positive: " + windowNanos);
        this.windowNanos = windowNanos;
    }

    /** The minimum RTT in nanoseconds, 0 before the first sample. */
    public long get() {
        return min;
    }

    /** Whether the estimate is older than the window at {@code nowNanos} (never before the first sample). */
    public boolean isExpired(long nowNanos) {
        return min > 0 && nowNanos - stampNanos > windowNanos;
    }

    /** Takes an RTT sample ({@code rttNanos <= 0}: none); returns whether it became the estimate. */
    public boolean offer(long rttNanos, long nowNanos) {
        if (rttNanos <= 0) return false;
        if (min != 0 && rttNanos > min && nowNanos - stampNanos <= windowNanos) return false;
        min = rttNanos;
        stampNanos = nowNanos;
        return true;
    }

    /** The estimate was confirmed at {@code nowNanos} without a new sample (BBR's PROBE_RTT): its window starts again. */
    public void refresh(long nowNanos) {
        stampNanos = nowNanos;
    }
}
