package net.rudp.io;

import net.rudp.ConnectionTracer;

/**
 * Two tracers on one connection: the I/O layer's own (JFR) first, then the application's. The
 * connection detaches the pair if either throws; only the application's can (the JFR tracer
 * commits events and throws nothing).
 */
record TracerPair(ConnectionTracer first, ConnectionTracer second) implements ConnectionTracer {

    @Override
    public void packetSent(long nowNanos, String type, long offset, int length, boolean retransmission) {
        first.packetSent(nowNanos, type, offset, length, retransmission);
        second.packetSent(nowNanos, type, offset, length, retransmission);
    }

    @Override
    public void packetReceived(long nowNanos, String type, long offset, int length) {
        first.packetReceived(nowNanos, type, offset, length);
        second.packetReceived(nowNanos, type, offset, length);
    }

    @Override
    public void packetLost(long nowNanos, long offset, int length, LossTrigger trigger) {
        first.packetLost(nowNanos, offset, length, trigger);
        second.packetLost(nowNanos, offset, length, trigger);
    }

    @Override
    public void metricsUpdated(long nowNanos, long congestionWindow, long bytesInFlight, long smoothedRttNanos, long pacingRate) {
        first.metricsUpdated(nowNanos, congestionWindow, bytesInFlight, smoothedRttNanos, pacingRate);
        second.metricsUpdated(nowNanos, congestionWindow, bytesInFlight, smoothedRttNanos, pacingRate);
    }
}
