package net.rudp.congestion;

/**
 * Estimates the delivery rate from acknowledgements as the IETF draft "Delivery Rate Estimation"
 * (draft-cheng-iccrg-delivery-rate-estimation) does, and builds the {@link AckSample} a
 * controller receives; a connection and a test path share it, so controllers are tested on the
 * samples a connection gives them.
 *
 * <p>The sender stamps every packet it sends with {@link #delivered()},
 * {@link #stampDeliveredTime()}, {@link #firstSentTime()} and {@link #isAppLimited()} right after
 * {@link #onSend}, and hands the stamps back with each delivery ({@link #onDelivered}) between
 * {@link #startAck} and {@link #endAck}. The newest packet an ACK delivers (the one sent last)
 * gives the sample: bytes delivered since it was sent, over max(its send interval, its ACK
 * interval); no sample when that interval is shorter than the minimum RTT (draft 3.3).
 *
 * <p>One deviation from the draft's UponSend, kept because rudp's traces rest on it: a packet
 * sent with nothing outstanding restarts the interval (first-sent and delivered time become the
 * send time) but is stamped with the delivered time from before the restart, the time of the
 * last delivery; the draft stamps the restarted time.
 */
public final class DeliveryRateEstimator {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NO_SAMPLE = Long.MIN_VALUE;

    // The draft's C.delivered, C.delivered_time, C.first_sent_time, C.app_limited.
    private long delivered;
    private long deliveredTime;
    private long firstSentTime;
    private long appLimitedUntil;
    private long stampDeliveredTime;
    private long deliveryRate;

    // The newest packet the current ACK delivered: its send time and its stamps.
    private long newestSent = NO_SAMPLE;
    private long newestPriorDelivered;
    private long newestPriorTime;
    private long newestFirstSent;
    private boolean newestAppLimited;

    /** C.delivered: bytes delivered (cumulatively or selectively acknowledged) so far. */
    public long delivered() {
        return delivered;
    }

    /** The last valid delivery-rate sample in bytes per second (an application-limited one only if higher); 0 before any. */
    public long deliveryRate() {
        return deliveryRate;
    }

    /**
     * A packet is about to be sent at {@code nowNanos}; {@code nothingOutstanding} when no packet
     * is in flight or unacknowledged, which restarts the rate interval. Stamp the packet next.
     */
    public void onSend(long nowNanos, boolean nothingOutstanding) {
        stampDeliveredTime = deliveredTime;
        if (nothingOutstanding) {
            firstSentTime = nowNanos;
            deliveredTime = nowNanos;
        }
    }

    /** The delivered-time stamp for the packet of the last {@link #onSend} (see the class comment). */
    public long stampDeliveredTime() {
        return stampDeliveredTime;
    }

    /** C.first_sent_time: the send time of the newest packet delivered, the first-sent stamp. */
    public long firstSentTime() {
        return firstSentTime;
    }

    /** Whether packets sent now are application-limited (see {@link #markAppLimited}). */
    public boolean isAppLimited() {
        return appLimitedUntil > delivered;
    }

    /**
     * Sending stopped with {@code bytesInFlight} below {@code congestionWindow} (no data, or the
     * peer's window is closed): until what is in flight now is delivered, ACKs say nothing about
     * the path's capacity (draft 3.4, RFC 7661).
     */
    public void markAppLimited(long bytesInFlight, long congestionWindow) {
        if (bytesInFlight < congestionWindow) appLimitedUntil = delivered + bytesInFlight;
    }

    /** An ACK arrived: its deliveries follow. */
    public void startAck() {
        newestSent = NO_SAMPLE;
    }

    /**
     * The ACK newly delivered a packet of {@code bytes}, last sent at {@code sentNanos}, with the
     * stamps it was sent with.
     */
    public void onDelivered(long bytes, long sentNanos, long stampedDelivered, long stampedDeliveredTime,
                            long stampedFirstSentTime, boolean stampedAppLimited) {
        delivered += bytes;
        if (sentNanos <= newestSent) return;
        newestSent = sentNanos;
        newestPriorDelivered = stampedDelivered;
        newestPriorTime = stampedDeliveredTime;
        newestFirstSent = stampedFirstSentTime;
        newestAppLimited = stampedAppLimited;
    }

    /**
     * The ACK's deliveries are all counted (at least one): takes the rate sample and returns what
     * the controller hears of this ACK.
     *
     * @param minRttNanos       the minimum RTT, this ACK's sample included
     * @param spuriousLostBytes see {@link AckSample#spuriousLostBytes()}
     */
    public AckSample endAck(long nowNanos, long minRttNanos, long ackedBytes, long rttNanos, long smoothedRttNanos,
                            long bytesInFlight, long spuriousLostBytes) {
        deliveredTime = nowNanos;
        firstSentTime = newestSent;
        long rate = rate(nowNanos, minRttNanos);
        if (rate > 0 && (!newestAppLimited || rate > deliveryRate)) deliveryRate = rate;
        return new AckSample(nowNanos, ackedBytes, rttNanos, smoothedRttNanos, bytesInFlight, rate, newestAppLimited,
            newestSent, delivered, newestPriorDelivered, spuriousLostBytes);
    }

    /** Bytes per second over the newest delivery's interval; 0 when that is shorter than min RTT (draft 3.3). */
    private long rate(long nowNanos, long minRttNanos) {
        if (newestSent == NO_SAMPLE) return 0;
        long interval = Math.max(newestSent - newestFirstSent, nowNanos - newestPriorTime);
        if (interval <= 0 || interval < minRttNanos) return 0;
        return (delivered - newestPriorDelivered) * NANOS_PER_SECOND / interval;
    }

    @Override
    public String toString() {
        return "DeliveryRateEstimator[delivered=" + delivered + ", rate=" + deliveryRate + " B/s"
            + (isAppLimited() ? ", app-limited" : "") + "]";
    }
}
