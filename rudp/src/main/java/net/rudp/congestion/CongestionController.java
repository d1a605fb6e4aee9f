package net.rudp.congestion;

/**
 * A congestion controller: decides how many bytes may be in flight (and, optionally, how fast to
 * send them). The connection calls it; it never calls back. Like the connection it is a pure
 * state machine: time comes in as {@code nowNanos}, nothing reads a clock. Create one per
 * connection with {@link CongestionControllers#create}.
 *
 * <p>The connection's side of the contract:
 * <ul>
 *   <li>Bytes in flight never exceed {@code min(congestionWindow(), peer's receive window)}, and
 *       sends are spread with {@link Pacer} at {@link Pacer#rateFor}.</li>
 *   <li>Every packet sent (new data or retransmission) is reported to {@link #onPacketSent}
 *       <em>after</em> it is counted in flight. Every ACK that newly acknowledges data is reported
 *       to {@link #onAck} with an {@link AckSample} (see there for each field); losses the ACK
 *       reveals are reported to {@link #onCongestionEvent} <em>before</em> the connection
 *       retransmits them, and may be reported before or after that {@code onAck}.</li>
 *   <li>Every loss is reported, however small: the controller itself decides whether it starts a
 *       new reduction (RFC 9002 7.3.2: one reduction per round trip, judged by whether the lost
 *       packet was sent after the current recovery period began; rudp counts a packet sent at the
 *       very instant recovery began as sent after it, so a retransmission sent in the same
 *       virtual instant as the loss detection is "in" the new period) or is ignored.</li>
 *   <li>When the retransmission timer fires, {@link #onRetransmissionTimeout} is called once per
 *       expiry; the packets the connection then treats as lost need not be reported again.</li>
 *   <li>All timestamps come from one monotonic clock, the connection's.</li>
 * </ul>
 */
public interface CongestionController {

    /** Short name, as in stats and traces: "newreno", "cubic", "bbr". */
    String name();

    /** Bytes that may be in flight now. At least one maximum segment (each controller documents its floor). */
    long congestionWindow();

    /**
     * The slow-start threshold in bytes: while {@code congestionWindow() < slowStartThreshold()}
     * the controller is in slow start (or, for BBR, STARTUP). {@link Long#MAX_VALUE} during the
     * first slow start.
     */
    long slowStartThreshold();

    /**
     * The rate in bytes per second at which to spread sends, or 0 when this controller has no
     * rate of its own (the connection then paces at a multiple of cwnd / smoothed RTT, see
     * {@link Pacer#rateFor}).
     */
    long pacingRate();

    /**
     * A packet carrying {@code bytes} new or retransmitted bytes left at {@code nowNanos};
     * {@code bytesInFlight} already includes it.
     */
    void onPacketSent(long nowNanos, int bytes, long bytesInFlight);

    /** Newly acknowledged data. */
    void onAck(AckSample ack);

    /** Data was declared lost (by SACK/RACK/NACK loss detection, not by the retransmission timer). */
    void onCongestionEvent(LossSample loss);

    /**
     * The retransmission timer fired: the path may have changed completely (RFC 5681 3.1: cwnd
     * to one segment for the window-based controllers).
     *
     * @param bytesInFlight bytes in flight when the timer fired, before the connection declares
     *                      any of them lost (RFC 5681's FlightSize)
     */
    void onRetransmissionTimeout(long nowNanos, long bytesInFlight);

    /**
     * The last reduction was spurious (the "lost" data arrived after all, RFC 3522 / RFC 4015,
     * detected with timestamps): restore the window and threshold saved before the reduction
     * episode (a loss reduction and any timeouts during its recovery count as one episode), never
     * lowering either. Call it only for a retransmission made in the latest episode; a call with
     * nothing to undo, or a second call, does nothing.
     */
    void onSpuriousLoss(long nowNanos);

    /**
     * Path MTU discovery (spec 9.13) changed the segment size to {@code maxSegmentSize} bytes:
     * windows stay in bytes, and what the controller counts in segments (its floor, its steps)
     * uses the new size from now on.
     */
    void onSegmentSizeChanged(int maxSegmentSize);
}
