package net.rudp.congestion;

/**
 * The window machinery NewReno and CUBIC share (RFC 5681, RFC 6582, RFC 9002 section 7): slow
 * start, one multiplicative decrease per recovery period, the retransmission-timeout collapse,
 * growth only while the window is in use, and undo of spurious reductions. Subclasses supply the
 * decrease factor and how the window grows in congestion avoidance.
 *
 * <p>The window never drops below two segments except after a retransmission timeout, when it is
 * one segment until ACKs grow it again.
 */
abstract sealed class LossBasedController implements CongestionController permits NewReno, Cubic {

    /** The sender's maximum segment size in bytes. */
    protected long mss;
    /** The congestion window in bytes. */
    protected long cwnd;
    /** The slow-start threshold in bytes. */
    protected long ssthresh = Long.MAX_VALUE;

    /**
     * RFC 9002 7.3.2: packets sent before this instant belong to the current (or an earlier)
     * recovery period: their loss starts no new reduction and their ACKs grow nothing.
     */
    private long recoveryStartNanos = Long.MIN_VALUE;
    /** A reduction happened and no packet sent since it has been acknowledged yet. */
    private boolean inRecovery;
    /** The timer fired and nothing has been acknowledged since (RFC 5681: hold ssthresh on the next expiry). */
    private boolean timedOutWithoutProgress;
    /** The window and threshold before the current episode's first reduction; null when there is nothing to undo. */
    private Saved beforeReduction;

    private record Saved(long cwnd, long ssthresh) {}

    LossBasedController(int maxSegmentSize) {
        this.mss = WindowMath.requireSegmentSize(maxSegmentSize);
        this.cwnd = WindowMath.initialWindow(mss);
    }

    /** The multiplicative decrease factor: ssthresh = beta · cwnd on loss, beta · FlightSize on timeout. */
    abstract double beta();

    /** Grows {@link #cwnd} for an ACK received in congestion avoidance (cwnd ≥ ssthresh). */
    abstract void congestionAvoidance(AckSample ack);

    /** Grows {@link #cwnd} for an ACK received in slow start; RFC 9002 7.3.1: by the bytes acknowledged. */
    void slowStart(AckSample ack) {
        cwnd = WindowMath.add(cwnd, ack.ackedBytes());
    }

    /**
     * Called just before {@link #cwnd} and {@link #ssthresh} are reduced (cwnd still holds the
     * old value); {@code timeout} tells a retransmission timeout from a loss.
     */
    abstract void beforeReduction(boolean timeout);

    /** Saves what the subclass needs to undo the reduction that is about to happen. */
    abstract void saveForUndo();

    /** Restores what {@link #saveForUndo} saved. */
    abstract void restoreForUndo();

    @Override
    public final long congestionWindow() {
        return cwnd;
    }

    @Override
    public final long slowStartThreshold() {
        return ssthresh;
    }

    /** Window-based: the connection paces from cwnd / SRTT ({@link Pacer#rateFor}). */
    @Override
    public final long pacingRate() {
        return 0;
    }

    @Override
    public final void onPacketSent(long nowNanos, int bytes, long bytesInFlight) {
        // Nothing to track: the window grows on ACKs.
    }

    @Override
    public final void onAck(AckSample ack) {
        if (ack.ackedBytes() == 0) return;
        timedOutWithoutProgress = false;
        // RFC 9002 7.3.2: "A recovery period ends and the sender enters congestion avoidance when
        // a packet sent during the recovery period is acknowledged." Until then the window does
        // not grow (RFC 9002 B.5: OnPacketsAcked returns for packets sent before recovery began).
        if (ack.largestAckedSentNanos() < recoveryStartNanos) return;
        inRecovery = false;
        // RFC 9002 7.8: "When bytes in flight is smaller than the congestion window and sending is
        // not pacing limited, the congestion window is underutilized. This can happen due to
        // insufficient application data or flow control limits. When this occurs, the congestion
        // window SHOULD NOT be increased in either slow start or congestion avoidance."
        if (ack.appLimited()) return;
        if (cwnd < ssthresh) {
            slowStart(ack);
        } else {
            congestionAvoidance(ack);
        }
    }

    @Override
    public final void onCongestionEvent(LossSample loss) {
        // RFC 9002 7.3.2: "The recovery period aims to limit congestion window reduction to once
        // per round trip. Therefore, during a recovery period, the congestion window does not
        // change in response to new losses."
        if (loss.lostBytes() == 0 || loss.largestLostSentNanos() < recoveryStartNanos) return;
        startEpisode(loss.nowNanos());
        beforeReduction(false);
        // RFC 5681 / RFC 9002 7.3.2 (NewReno beta 1/2), RFC 9438 4.6 (CUBIC beta 0.7): the
        // threshold is never below two segments, and "cwnd = ssthresh".
        ssthresh = Math.max(WindowMath.fromDouble(cwnd * beta()), 2 * mss);
        cwnd = ssthresh;
    }

    @Override
    public final void onRetransmissionTimeout(long nowNanos, long bytesInFlight) {
        startEpisode(nowNanos);
        // RFC 5681 3.1: "when a segment has been retransmitted by the retransmission timer
        // multiple times, the value of ssthresh is held constant" (the second expiry would
        // otherwise halve a FlightSize the first one already collapsed).
        if (!timedOutWithoutProgress) {
            beforeReduction(true);
            // RFC 5681 (4): "ssthresh = max (FlightSize / 2, 2*SMSS)"; RFC 9438 4.8 uses beta_cubic.
            ssthresh = Math.max(WindowMath.fromDouble(bytesInFlight * beta()), 2 * mss);
        }
        timedOutWithoutProgress = true;
        // RFC 5681 3.1: "upon a timeout cwnd MUST be set to no more than the loss window, LW,
        // which equals 1 full-sized segment".
        cwnd = mss;
    }

    @Override
    public final void onSegmentSizeChanged(int maxSegmentSize) {
        mss = WindowMath.requireSegmentSize(maxSegmentSize);
        cwnd = Math.max(cwnd, mss);
    }

    @Override
    public final void onSpuriousLoss(long nowNanos) {
        if (beforeReduction == null) return;
        // RFC 4015 3.2 (Eifel response): restore the window and threshold saved before the
        // spurious reduction. Taking the maximum never lowers a window that grew meanwhile.
        cwnd = Math.max(cwnd, beforeReduction.cwnd());
        ssthresh = Math.max(ssthresh, beforeReduction.ssthresh());
        restoreForUndo();
        beforeReduction = null;
        inRecovery = false;
        timedOutWithoutProgress = false;
    }

    /**
     * A reduction begins: a new recovery period starts now. The first reduction of an episode
     * (a loss, or a timeout outside recovery) saves the state an undo restores; a timeout during
     * recovery belongs to the same episode and keeps the older copy.
     */
    private void startEpisode(long nowNanos) {
        if (!inRecovery) {
            beforeReduction = new Saved(cwnd, ssthresh);
            saveForUndo();
        }
        inRecovery = true;
        recoveryStartNanos = nowNanos;
    }
}
