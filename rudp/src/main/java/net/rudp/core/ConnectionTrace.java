package net.rudp.core;

import net.rudp.ConnectionTracer;
import net.rudp.JsonLinesTracer;
import net.rudp.wire.Packet;

/**
 * The connection's side of its {@link ConnectionTracer}: forwards each event to the tracer the
 * application set, if any, reports the congestion metrics only when the window changed, and
 * detaches a tracer that throws, so that a failing trace (a full disk under a
 * {@link JsonLinesTracer}) never takes the connection, or its endpoint's others, down.
 */
final class ConnectionTrace {
    private final Runnable onFailure;
    private ConnectionTracer tracer;
    private long tracedCwnd = -1;
    private RuntimeException failure;

    /** @param onFailure told once, when the tracer throws and is detached */
    ConnectionTrace(Runnable onFailure) {
        this.onFailure = onFailure;
    }

    void set(ConnectionTracer t) {
        tracer = t;
    }

    /** What the detached tracer threw, or null. */
    RuntimeException failure() {
        return failure;
    }

    void packetSent(long now, String type, long offset, int length, boolean retransmission) {
        if (tracer == null) return;
        try {
            tracer.packetSent(now, type, offset, length, retransmission);
        } catch (RuntimeException e) {
            detach(e);
        }
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
        try {
            tracer.packetReceived(now, p.type().name(), offset, length);
        } catch (RuntimeException e) {
            detach(e);
        }
    }

    void packetLost(long now, long offset, int length, ConnectionTracer.LossTrigger trigger) {
        if (tracer == null) return;
        try {
            tracer.packetLost(now, offset, length, trigger);
        } catch (RuntimeException e) {
            detach(e);
        }
    }

    /** The controller may have changed the window: traced if it did. */
    void metrics(long now, long cwnd, long bytesInFlight, long smoothedRtt, long pacingRate) {
        if (tracer == null || cwnd == tracedCwnd) return;
        tracedCwnd = cwnd;
        try {
            tracer.metricsUpdated(now, cwnd, bytesInFlight, smoothedRtt, pacingRate);
        } catch (RuntimeException e) {
            detach(e);
        }
    }

    private void detach(RuntimeException e) {
        tracer = null;
        if (failure != null) return;
        failure = e;
        onFailure.run();
    }
}
