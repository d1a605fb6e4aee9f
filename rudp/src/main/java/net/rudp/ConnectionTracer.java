package net.rudp;

/**
 * Receives a connection's events as they happen, in the spirit of qlog (draft-ietf-quic-qlog):
 * every packet sent, received and declared lost, and every change of the congestion state. The
 * connection calls it synchronously with its own notion of time; an implementation must be quick
 * and must not call back into the connection. {@link JsonLinesTracer} writes them as JSON lines.
 */
public interface ConnectionTracer {

    /** Why data was declared lost. */
    enum LossTrigger { RACK, DUP_THRESH, NACK, TIMEOUT }

    /**
     * A packet left. {@code offset} is the stream offset of its first sequence number (SYN = 0),
     * {@code length} the sequence numbers it occupies (0 for pure control packets).
     */
    void packetSent(long nowNanos, String type, long offset, int length, boolean retransmission);

    /** A packet for this connection arrived and decoded. */
    void packetReceived(long nowNanos, String type, long offset, int length);

    /** A segment was declared lost. */
    void packetLost(long nowNanos, long offset, int length, LossTrigger trigger);

    /** The congestion window, bytes in flight, smoothed RTT or pacing rate changed. */
    void metricsUpdated(long nowNanos, long congestionWindow, long bytesInFlight, long smoothedRttNanos, long pacingRate);
}
