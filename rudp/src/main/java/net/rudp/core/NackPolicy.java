package net.rudp.core;

import net.rudp.wire.Flags;

/**
 * Decides when the receiver sends a NACK (spec 9.5, 6.2): once the data beyond the first gap
 * reaches the receiver-side duplicate threshold, or a datagram from the peer failed its
 * checksum, and at most once per smoothed RTT (the initial RTO before a sample).
 */
final class NackPolicy {
    /** The interval never drops below this, however short the RTT. */
    static final long MIN_INTERVAL_NANOS = 1_000_000L;
    /** The ranges a NACK owed only to corrupt datagrams may list: (3 × 36 − 37) / 8, rounded down. */
    static final int CORRUPT_SEEN_RANGES = 8;

    private final RttEstimator rtt;
    private final long initialRtoNanos;
    private boolean due;
    private boolean corruptSeen;
    private boolean gapSeen;
    private long lastSent = Long.MIN_VALUE / 2;
    private long corruptReceived;

    NackPolicy(RttEstimator rtt, long initialRtoNanos) {
        this.rtt = rtt;
        this.initialRtoNanos = initialRtoNanos;
    }

    /** Whether a NACK should go out with the next flush. */
    boolean isDue() {
        return due;
    }

    /** Datagrams from the peer that failed their checksum. */
    long corruptReceived() {
        return corruptReceived;
    }

    /** Out-of-order data arrived: {@code bytesBeyondGap} are held beyond the first gap, in segments of {@code mss}. */
    void onOutOfOrder(long bytesBeyondGap, int mss, long now) {
        if (bytesBeyondGap >= (long) LossDetector.DUP_THRESH * mss && intervalPassed(now)) {
            due = true;
            gapSeen = true;
        }
    }

    /**
     * A datagram from the peer failed its checksum at {@code now}. Only a synchronized
     * connection ({@code canNack}) knows the peer's id to address the NACK to (spec 6.2).
     */
    void onCorruptDatagram(boolean canNack, long now) {
        corruptReceived++;
        if (!canNack) return;
        corruptSeen = true;
        if (intervalPassed(now)) due = true;
    }

    /**
     * The most ranges the next NACK may list, of the {@code maxRanges} that fit a datagram. A NACK
     * owed only to corrupt datagrams answers packets anyone could have sent from the peer's
     * address, so it stays small: at most {@value #CORRUPT_SEEN_RANGES} ranges, 101 bytes, less
     * than 3 times the smallest datagram (36 bytes) that can draw it (spec 6.2, 18).
     */
    int rangeLimit(int maxRanges) {
        return gapSeen ? maxRanges : Math.min(maxRanges, CORRUPT_SEEN_RANGES);
    }

    /** A NACK is being built at {@code now}: returns its flags (CORRUPT_SEEN when owed) and settles what was due. */
    int onSending(long now) {
        due = false;
        gapSeen = false;
        lastSent = now;
        int flags = corruptSeen ? Flags.CORRUPT_SEEN : 0;
        corruptSeen = false;
        return flags;
    }

    private boolean intervalPassed(long now) {
        long interval = Math.max(rtt.hasSample() ? rtt.smoothedRtt() : initialRtoNanos, MIN_INTERVAL_NANOS);
        return now - lastSent >= interval;
    }
}
