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

    private final RttEstimator rtt;
    private final long initialRtoNanos;
    private boolean due;
    private boolean corruptSeen;
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
        if (bytesBeyondGap >= (long) LossDetector.DUP_THRESH * mss && intervalPassed(now)) due = true;
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

    /** A NACK is being built at {@code now}: returns its flags (CORRUPT_SEEN when owed) and settles what was due. */
    int onSending(long now) {
        due = false;
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
