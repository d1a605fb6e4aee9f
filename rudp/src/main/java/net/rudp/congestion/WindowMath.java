package net.rudp.congestion;

/** Arithmetic every controller shares: the initial window, and byte counts that cannot wrap. */
final class WindowMath {

    /** RFC 6928 / RFC 9002 7.2: the initial window's byte cap, 14720 bytes (ten 1472-byte segments). */
    static final long INITIAL_WINDOW_CAP = 14_720;

    private WindowMath() {}

    /** The maximum segment size as a {@code long}, after checking it is usable. */
    static long requireSegmentSize(int maxSegmentSize) {
        if (maxSegmentSize <= 0) {
            throw new IllegalArgumentException("the maximum segment size must be positive: " + maxSegmentSize);
        }
        return maxSegmentSize;
    }

    /** RFC 9002 7.2: "min(10 * max_datagram_size, max(2 * max_datagram_size, 14720))". */
    static long initialWindow(long mss) {
        return Math.min(10 * mss, Math.max(2 * mss, INITIAL_WINDOW_CAP));
    }

    /** {@code a + b} for non-negative byte counts, stopping at {@link Long#MAX_VALUE} instead of wrapping. */
    static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** A non-negative byte count or rate from a double: NaN and negatives give 0, huge values saturate. */
    static long fromDouble(double value) {
        return value > 0 ? (long) value : 0; // (long) saturates at Long.MAX_VALUE
    }
}
