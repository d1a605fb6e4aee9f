package net.rudp.congestion;

/**
 * CUBIC (RFC 9438): after a loss the window grows along
 * {@code W_cubic(t) = C·(t−K)³ + W_max}, concave up to the window where the loss happened, then
 * convex beyond it, but never slower than Reno would (the Reno-friendly region). The first slow
 * start ends early on a rising RTT (HyStart++, RFC 9406).
 *
 * <p>Windows in the formulas are in segments (as in the RFC); {@link #congestionWindow()} is in
 * bytes. Initial window min(10·MSS, max(2·MSS, 14720)); floor 2·MSS, or 1·MSS after a timeout.
 */
public final class Cubic extends LossBasedController {

    /** RFC 9438 4.1: "C SHOULD be set to 0.4" (segments per second cubed). */
    static final double C = 0.4;
    /** RFC 9438 4.1: "β_cubic SHOULD be set to 0.7". */
    static final double BETA_CUBIC = 0.7;
    /** RFC 9438 4.3: α_cubic = 3·(1 − β_cubic)/(1 + β_cubic), Reno's average rate for the same loss rate. */
    static final double ALPHA_CUBIC = 3 * (1 - BETA_CUBIC) / (1 + BETA_CUBIC);

    private static final long NO_EPOCH = Long.MIN_VALUE;
    private static final double NANOS_PER_SECOND = 1e9;

    private final HyStartPlusPlus hyStart = new HyStartPlusPlus();

    /** The curve of the current congestion avoidance stage. */
    private Curve curve = Curve.NONE;
    /** W_est, the Reno-friendly estimate, in segments. */
    private double renoEstimate;
    /** The curve and W_est before the current reduction episode, for undo. */
    private Curve savedCurve = Curve.NONE;
    private double savedRenoEstimate;
    /** Growth in bytes below one byte, carried to the next ACK so small steps are not lost. */
    private double carry;

    /**
     * What a congestion avoidance stage remembers.
     *
     * @param wMax            W_max in segments (0 until a loss sets it, or after a timeout)
     * @param cwndPrior       cwnd_prior in segments: the window when ssthresh was last set
     * @param epochStartNanos t_epoch, when the stage began ({@link #NO_EPOCH} until its first ACK)
     * @param k               K in seconds
     */
    private record Curve(double wMax, double cwndPrior, long epochStartNanos, double k) {
        static final Curve NONE = new Curve(0, 0, NO_EPOCH, 0);
    }

    /** A CUBIC controller for segments of {@code maxSegmentSize} bytes. */
    public Cubic(int maxSegmentSize) {
        super(maxSegmentSize);
    }

    @Override
    public String name() {
        return "cubic";
    }

    /** RFC 9438 4.2: K = ∛((W_max − cwnd_epoch)/C), in seconds, windows in segments. */
    static double k(double wMax, double cwndEpoch) {
        return Math.cbrt((wMax - cwndEpoch) / C);
    }

    /** RFC 9438 (1): W_cubic(t) = C·(t − K)³ + W_max, in segments, t and K in seconds. */
    static double wCubic(double t, double k, double wMax) {
        double d = t - k;
        return C * d * d * d + wMax;
    }

    /** W_max of the current stage, in segments (for stats and tests). */
    public double wMax() {
        return curve.wMax();
    }

    /** K of the current stage, in seconds (for stats and tests). */
    public double k() {
        return curve.k();
    }

    @Override
    double beta() {
        return BETA_CUBIC;
    }

    @Override
    void slowStart(AckSample ack) {
        // RFC 9406 4.2: HyStart++ only for the first slow start ("when the ssthresh is at its
        // initial value"); later slow starts (after a timeout) are standard.
        if (ssthresh != Long.MAX_VALUE) {
            super.slowStart(ack);
            return;
        }
        cwnd = WindowMath.add(cwnd, hyStart.onAck(ack));
        if (hyStart.finished()) ssthresh = cwnd;
    }

    @Override
    void congestionAvoidance(AckSample ack) {
        double cwndSegments = (double) cwnd / mss;
        if (curve.epochStartNanos() == NO_EPOCH) startStage(ack.nowNanos(), cwndSegments);
        double t = (ack.nowNanos() - curve.epochStartNanos()) / NANOS_PER_SECOND;
        double rtt = ack.smoothedRttNanos() / NANOS_PER_SECOND;
        double ackedSegments = (double) ack.ackedBytes() / mss;

        // RFC 9438 4.3: "W_est = W_est + α_cubic · segments_acked / cwnd"; "Once W_est has grown
        // to reach the cwnd at the time of most recently setting ssthresh -- that is, W_est >=
        // cwnd_prior -- the sender SHOULD set α_cubic to 1".
        double alpha = renoEstimate >= curve.cwndPrior() ? 1 : ALPHA_CUBIC;
        renoEstimate += alpha * ackedSegments / cwndSegments;

        double growthSegments;
        if (wCubic(t, curve.k(), curve.wMax()) < renoEstimate) {
            // RFC 9438 4.3: "If W_cubic(t) is less than W_est, then CUBIC is in the Reno-friendly
            // region and cwnd SHOULD be set to W_est at each reception of a new ACK."
            // (Never lowered: the window only grows in congestion avoidance.)
            growthSegments = Math.max(0, renoEstimate - cwndSegments);
        } else {
            // RFC 9438 4.2: target = W_cubic(t + RTT) clamped to [cwnd, 1.5·cwnd]; 4.4/4.5: "cwnd
            // MUST be incremented by (target - cwnd)/cwnd for each received new ACK" (per segment).
            double target = Math.min(Math.max(wCubic(t + rtt, curve.k(), curve.wMax()), cwndSegments),
                1.5 * cwndSegments);
            growthSegments = (target - cwndSegments) * ackedSegments / cwndSegments;
        }
        double growthBytes = growthSegments * mss + carry;
        long whole = WindowMath.fromDouble(Math.floor(growthBytes));
        carry = growthBytes - whole;
        cwnd = WindowMath.add(cwnd, whole);
    }

    /**
     * RFC 9438 4.2: a congestion avoidance stage begins; cwnd_epoch is the window now. When
     * there is no W_max above it (the first stage after HyStart++ or, RFC 9438 4.8, after a
     * timeout) "W_max is set to the congestion window size at the beginning of the current
     * congestion avoidance stage" and K = 0. 4.3: "W_est is set equal to cwnd_epoch".
     */
    private void startStage(long nowNanos, double cwndEpoch) {
        double wMax = Math.max(curve.wMax(), cwndEpoch);
        curve = new Curve(wMax, curve.cwndPrior(), nowNanos, k(wMax, cwndEpoch));
        renoEstimate = cwndEpoch;
        carry = 0;
    }

    @Override
    void beforeReduction(boolean timeout) {
        double cwndSegments = (double) cwnd / mss;
        double wMax;
        if (timeout) {
            // RFC 9438 4.8: the first stage after a timeout uses K = 0 and W_max = its start window.
            wMax = 0;
        } else if (cwndSegments < curve.wMax()) {
            // RFC 9438 4.7 (fast convergence): "if cwnd < W_max and fast convergence enabled,
            // further reduce W_max: W_max = cwnd * (1 + β_cubic) / 2".
            wMax = cwndSegments * (1 + BETA_CUBIC) / 2;
        } else {
            wMax = cwndSegments;
        }
        // RFC 9438 4.6: "cwnd_prior = cwnd"; the new stage starts with the first ACK after recovery.
        curve = new Curve(wMax, cwndSegments, NO_EPOCH, 0);
    }

    @Override
    void saveForUndo() {
        savedCurve = curve;
        savedRenoEstimate = renoEstimate;
    }

    @Override
    void restoreForUndo() {
        // RFC 9438 4.9: on a spurious congestion event, restore the state saved before it
        // (W_max, cwnd_prior, t_epoch, K and W_est; cwnd and ssthresh in the base class).
        curve = savedCurve;
        renoEstimate = savedRenoEstimate;
    }

    @Override
    public String toString() {
        return "Cubic[cwnd=" + cwnd + ", ssthresh=" + ssthresh + ", wMax=" + curve.wMax() + ", K=" + curve.k() + "]";
    }
}
