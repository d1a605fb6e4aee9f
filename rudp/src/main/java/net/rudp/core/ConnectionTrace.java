package net.rudp.core;

import net.rudp.wire.Packet;

/**
 * The connection's side of its {@link ConnectionTracer}: forwards each event to the tracer the
 * application set, if any, and reports the congestion metrics only when the window changed.
 */
final class ConnectionTrace {
    private ConnectionTracer tracer;
    private long tracedCwnd = -1;

    void set(ConnectionTracer t) {
        tracer = t;
    }

    void packetSent(long now, String type, long offset, int length, boolean retransmission) {
        if (tracer != null) tracer.packetSent(now, type, offset, length, retransmission);
    }

    /** Packet {@code p} arrived; {@code offset} is where its sequence number lies in the peer's stream. */
    void packetReceived(long now, Packet p, long offset) {
        if (tracer == null) return;
        int length = switch (p) {
            case Packet.Data d -> d.payload().remaining();
            case Packet.Syn s -> 1;
            case Packet.SynAck s -> 1;
            case Packet.Fin f -> 1;
            default -> 0;
        };
        tracer.packetReceived(now, p.type().name(), offset, length);
    }

    void packetLost(long now, long offset, int length, ConnectionTracer.LossTrigger trigger) {
        if (tracer != null) tracer.packetLost(now, offset, length, trigger);
    }

    /** The controller may have changed the window: traced if it did. */
    void metrics(long now, long cwnd, long bytesInFlight, long smoothedRtt, long pacingRate) {
        if (tracer == null || cwnd == tracedCwnd) return;
        tracedCwnd = cwnd;
        tracer.metricsUpdated(now, cwnd, bytesInFlight, smoothedRtt, pacingRate);
    }
}
