package net.rudp.congestion;

/**
 * NewReno (RFC 5681, RFC 6582) as RFC 9002 section 7 adapts it to a sender whose SACK/RACK loss
 * detection reports losses: slow start grows the window by the bytes acknowledged, congestion
 * avoidance by one segment per window of bytes acknowledged (RFC 3465 byte counting), a loss
 * halves it once per recovery period, a retransmission timeout collapses it to one segment.
 *
 * <p>Initial window min(10·MSS, max(2·MSS, 14720)); floor 2·MSS, or 1·MSS after a timeout.
 */
public final class NewReno extends LossBasedController {

    /** RFC 9002 7.3.2 kLossReductionFactor: "ssthresh = congestion_window * kLossReductionFactor" (0.5). */
    private static final double LOSS_REDUCTION_FACTOR = 0.5;

    /** RFC 3465 bytes_acked: bytes acknowledged in congestion avoidance not yet turned into growth. */
    private long bytesAcked;

    /** A NewReno controller for segments of {@code maxSegmentSize} bytes. */
    public NewReno(int maxSegmentSize) {
        super(maxSegmentSize);
    }

    @Override
    public String name() {
        return "newreno";
    }

    @Override
    double beta() {
        return LOSS_REDUCTION_FACTOR;
    }

    @Override
    void congestionAvoidance(AckSample ack) {
        // RFC 3465 2.1: "When bytes_acked becomes greater than or equal to the value of the
        // congestion window, bytes_acked is reduced by the value of cwnd. Next, cwnd is
        // incremented by a full-sized segment (SMSS)." An ACK covering several windows at once
        // earns one segment per window (counted against the window before it grows).
        bytesAcked = WindowMath.add(bytesAcked, ack.ackedBytes());
        long windows = bytesAcked / cwnd;
        bytesAcked -= windows * cwnd;
        cwnd = WindowMath.add(cwnd, windows > Long.MAX_VALUE / mss ? Long.MAX_VALUE : windows * mss);
    }

    @Override
    void beforeReduction(boolean timeout) {
        // Bytes counted toward the old, larger window do not carry over to the reduced one.
        bytesAcked = 0;
    }

    @Override
    void saveForUndo() {
        // cwnd and ssthresh are all there is; the base class saves them.
    }

    @Override
    void restoreForUndo() {
        // Nothing beyond cwnd and ssthresh.
    }

    @Override
    public String toString() {
        return "NewReno[cwnd=" + cwnd + ", ssthresh=" + ssthresh + "]";
    }
}
