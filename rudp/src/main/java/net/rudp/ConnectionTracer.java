package net.rudp;

/**
 * Receives a connection's events as they happen, in the spirit of qlog (draft-ietf-quic-qlog):
 * every packet sent, received and declared lost, and every change of the congestion state. The
 * connection calls it synchronously with its own notion of time; an implementation must be quick
 * and must not call back into the connection. {@link JsonLinesTracer} writes them as JSON lines.
 */
public interface ConnectionTracer {

    /** Why data was declared lost. */
    enum LossTrigger {
        /** RACK: a segment sent later was acknowledged, more than the reordering window ago (RFC 8985). */
        RACK,
        /** Three segments sent later were acknowledged (RFC 5681's DupThresh). */
        DUP_THRESH,
        /** The receiver reported the gap with a NACK. */
        NACK,
        /** The retransmission timer expired. */
        TIMEOUT
    }

    /**
     * A packet left. {@code offset} is the stream offset of its first sequence number (SYN = 0),
     * {@code length} the sequence numbers it occupies (0 for pure control packets).
     *
     * @param nowNanos       the connection's time
     * @param type           the packet type, e.g. "DATA"
     * @param offset         stream offset of its first sequence number
     * @param length         sequence numbers it occupies
     * @param retransmission whether it carries data sent before
     */
    void packetSent(long nowNanos, String type, long offset, int length, boolean retransmission);

    /**
     * A packet for this connection arrived and decoded.
     *
     * @param nowNanos the connection's time
     * @param type     the packet type
     * @param offset   stream offset of its first sequence number
     * @param length   sequence numbers it occupies
     */
    void packetReceived(long nowNanos, String type, long offset, int length);

    /**
     * A segment was declared lost.
     *
     * @param nowNanos the connection's time
     * @param offset   stream offset of its first byte
     * @param length   its bytes
     * @param trigger  what declared it lost
     */
    void packetLost(long nowNanos, long offset, int length, LossTrigger trigger);

    /**
     * The congestion window, bytes in flight, smoothed RTT or pacing rate changed.
     *
     * @param nowNanos         the connection's time
     * @param congestionWindow bytes
     * @param bytesInFlight    bytes
     * @param smoothedRttNanos nanoseconds
     * @param pacingRate       bytes per second
     */
    void metricsUpdated(long nowNanos, long congestionWindow, long bytesInFlight, long smoothedRttNanos, long pacingRate);
}
