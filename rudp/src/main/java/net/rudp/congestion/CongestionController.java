package net.rudp.congestion;

/**
 * A congestion controller: decides how many bytes may be in flight (and, optionally, how fast to
 * send them). The connection calls it; it never calls back. Like the connection it is a pure
 * state machine: time comes in as {@code nowNanos}, nothing reads a clock.
 *
 * <p>The connection guarantees: bytes in flight never exceed
 * {@code min(congestionWindow(), peer's receive window)}; {@link #onCongestionEvent} is called
 * for every loss detected, and the controller itself decides whether a loss starts a new
 * reduction (RFC 9002 7.3.2: one reduction per round trip, judged by whether the lost packet was
 * sent after the current recovery period began).
 */
public interface CongestionController {

    /** Short name, as in stats and traces: "newreno", "cubic", "bbr". */
    String name();

    /** Bytes that may be in flight now. At least one maximum segment. */
    long congestionWindow();

    /** The slow-start threshold in bytes, {@link Long#MAX_VALUE} while in the first slow start. */
    long slowStartThreshold();

    /**
     * The rate in bytes per second at which to spread sends, or 0 when this controller has no
     * rate of its own (the connection then paces at a multiple of cwnd / smoothed RTT).
     */
    long pacingRate();

    /** A packet carrying {@code bytes} new or retransmitted bytes left at {@code nowNanos}. */
    void onPacketSent(long nowNanos, int bytes, long bytesInFlight);

    /** Newly acknowledged data. */
    void onAck(AckSample ack);

    /** Data was declared lost. */
    void onCongestionEvent(LossSample loss);

    /** The retransmission timer fired: the path may have changed completely (RFC 5681 3.1: cwnd to one segment). */
    void onRetransmissionTimeout(long nowNanos);

    /**
     * The last reduction was spurious (the "lost" data arrived after all, RFC 3522 / RFC 4015):
     * restore the window and threshold saved before it.
     */
    void onSpuriousLoss(long nowNanos);
}
