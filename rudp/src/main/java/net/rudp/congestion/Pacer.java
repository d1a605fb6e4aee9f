package net.rudp.congestion;

/**
 * Spreads a connection's sends over time at a rate (a token bucket): the connection asks
 * {@link #nextSendTime} before sending a packet, sends when that time has come, and reports the
 * send to {@link #onSend}. A pure state machine like the controllers: time comes in as
 * {@code nowNanos}.
 *
 * <p>The bucket holds {@code max(2 segments, 1 ms of data at the rate)}: two segments so that a
 * slow flow still sends the pairs a receiver that ACKs every second segment expects, instead of
 * one timer wake-up per packet; one millisecond of data at high rates because the I/O loop
 * cannot wake up much more precisely than that, and a smaller bucket would keep it from ever
 * reaching the rate. A rate of 0 means not paced: every send may go at once.
 *
 * <p>A sender that wakes later than the time it was given ({@link #wokeLate}) may send what it
 * would have sent on time, up to {@link #MAX_LATENESS_NANOS} of data beyond the bucket, in that
 * wake-up (spec 11.3). Without this credit every late wake-up is throughput lost for good: a flow
 * whose loop wakes late more often gets less than its rate, and two flows sharing a link drift
 * apart. Linux's TCP pacing makes a like allowance for OS jitter (tcp_update_skb_after_send
 * shortens the next gap by what a late send lost, up to half of it).
 */
public final class Pacer {

    /** The bucket holds at least this many segments ... */
    static final int BURST_SEGMENTS = 2;
    /** ... or this much time's worth of data at the rate, whichever is more. */
    static final long BURST_NANOS = 1_000_000;
    /** RFC 9002 7.7's N in congestion avoidance: pace at 1.25 × cwnd / SRTT (the design's choice). */
    static final double AVOIDANCE_GAIN = 1.25;
    /** The most lateness a wake-up may make up for; beyond it the sender was stalled, not late. */
    static final long MAX_LATENESS_NANOS = 4_000_000;
    /** In slow start the window doubles every round, so pace at twice cwnd / SRTT to keep up. */
    static final double SLOW_START_GAIN = 2;

    private static final double NANOS_PER_SECOND = 1e9;

    private long mss;
    private long rate;
    /** Bytes that may be sent now as of {@link #updatedNanos}; negative after sends the rate did not cover. */
    private double tokens;
    private long updatedNanos;
    /** The instant of the last late wake-up, and how far the bucket may hold beyond its size in it. */
    private long lateWakeUpNanos = Long.MIN_VALUE;
    private double lateCredit;

    /** A pacer for segments of up to {@code maxSegmentSize} bytes; not pacing until {@link #setRate}. */
    public Pacer(int maxSegmentSize) {
        this.mss = WindowMath.requireSegmentSize(maxSegmentSize);
    }

    /** Path MTU discovery changed the segment size: bursts are counted in the new size (spec 9.13). */
    public void segmentSize(int maxSegmentSize) {
        mss = WindowMath.requireSegmentSize(maxSegmentSize);
    }

    /**
     * The rate a connection should pace at: its controller's own {@link
     * CongestionController#pacingRate()}, or else (design notes, RFC 9002 7.7) 1.25 × cwnd /
     * SRTT, 2 × in slow start (cwnd below ssthresh); 0 (not paced) before the first RTT sample.
     */
    public static long rateFor(CongestionController controller, long smoothedRttNanos) {
        long own = controller.pacingRate();
        if (own > 0) return own;
        if (smoothedRttNanos <= 0) return 0;
        double gain = controller.congestionWindow() < controller.slowStartThreshold() ? SLOW_START_GAIN : AVOIDANCE_GAIN;
        return WindowMath.fromDouble(gain * controller.congestionWindow() * NANOS_PER_SECOND / smoothedRttNanos);
    }

    /** Bytes per second, 0 when not pacing. */
    public long rate() {
        return rate;
    }

    /**
     * Paces at {@code bytesPerSecond} from {@code nowNanos} on (0: stop pacing). Credit earned
     * until now at the old rate is kept, up to the new rate's burst; starting to pace begins with
     * a full burst.
     */
    public void setRate(long nowNanos, long bytesPerSecond) {
        if (bytesPerSecond < 0) throw new IllegalArgumentException("a pacing rate cannot be negative: " + bytesPerSecond);
        if (rate == 0) {
            tokens = Double.MAX_VALUE; // clamped to the new burst just below
        } else {
            tokens = tokensAt(nowNanos);
        }
        rate = bytesPerSecond;
        updatedNanos = nowNanos;
        tokens = Math.min(tokens, ceiling(nowNanos));
    }

    /**
     * The sender, told to send at {@code dueNanos}, woke at {@code nowNanos}: in this wake-up it may
     * send what the rate earned since {@code dueNanos}, up to {@link #MAX_LATENESS_NANOS} of it,
     * beyond the bucket's size.
     */
    public void wokeLate(long dueNanos, long nowNanos) {
        if (rate == 0 || nowNanos <= dueNanos) return;
        double earned = earnedBy(nowNanos);
        lateCredit = (double) Math.min(nowNanos - dueNanos, MAX_LATENESS_NANOS) * rate / NANOS_PER_SECOND;
        lateWakeUpNanos = nowNanos;
        tokens = Math.min(earned, ceiling(nowNanos));
        updatedNanos = nowNanos;
    }

    /**
     * When a packet of {@code bytes} may be sent: {@code nowNanos} if at once, else the time the
     * bucket will have earned enough (a packet larger than the whole bucket waits for a full one).
     */
    public long nextSendTime(long nowNanos, int bytes) {
        if (rate == 0) return nowNanos;
        double needed = Math.min(bytes, burst()) - tokensAt(nowNanos);
        if (needed <= 0) return nowNanos;
        return WindowMath.add(nowNanos, WindowMath.fromDouble(Math.ceil(needed * NANOS_PER_SECOND / rate)));
    }

    /** A packet of {@code bytes} was sent at {@code nowNanos}. */
    public void onSend(long nowNanos, int bytes) {
        if (rate == 0) return;
        tokens = tokensAt(nowNanos) - bytes;
        updatedNanos = Math.max(updatedNanos, nowNanos);
    }

    /** The bucket's size: max(2 segments, 1 ms of data). */
    private double burst() {
        return Math.max(BURST_SEGMENTS * mss, (double) rate * BURST_NANOS / NANOS_PER_SECOND);
    }

    /** The most the bucket holds at {@code nowNanos}: its size, plus the credit of a late wake-up at that instant. */
    private double ceiling(long nowNanos) {
        return nowNanos == lateWakeUpNanos ? burst() + lateCredit : burst();
    }

    private double tokensAt(long nowNanos) {
        if (nowNanos <= updatedNanos) return tokens;
        return Math.min(burst(), earnedBy(nowNanos));
    }

    /** The tokens at {@code nowNanos} if the bucket had no size: what the rate earned since the last update. */
    private double earnedBy(long nowNanos) {
        return tokens + (double) (nowNanos - updatedNanos) * rate / NANOS_PER_SECOND;
    }

    @Override
    public String toString() {
        return "Pacer[rate=" + rate + " B/s, tokens=" + (long) tokens + "]";
    }
}
