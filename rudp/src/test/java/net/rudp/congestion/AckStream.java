package net.rudp.congestion;

/**
 * A synthetic ACK stream for window tests: a sender that keeps its window full over a path with
 * a fixed RTT and no bottleneck. Each {@link #roundTrip()} acknowledges the window that was in
 * flight when the round began, one segment per ACK, spread evenly over one RTT; every
 * acknowledged packet was sent one RTT before its ACK.
 */
final class AckStream {

    private final CongestionController controller;
    private final int mss;
    private final long rttNanos;
    private long nowNanos;
    private long delivered;

    AckStream(CongestionController controller, int mss, long rttNanos) {
        this.controller = controller;
        this.mss = mss;
        this.rttNanos = rttNanos;
    }

    long now() {
        return nowNanos;
    }

    /** Lets time pass without ACKs. */
    void idle(long nanos) {
        nowNanos += nanos;
    }

    /** One round trip; returns the window at its end. */
    long roundTrip() {
        long window = controller.congestionWindow();
        long segments = (window + mss - 1) / mss;
        long start = nowNanos;
        long acked = 0;
        for (long i = 1; i <= segments; i++) {
            long bytes = Math.min(mss, window - acked);
            acked += bytes;
            ack(start + rttNanos * i / segments, bytes, window - acked);
        }
        nowNanos = start + rttNanos;
        return controller.congestionWindow();
    }

    /** Round trips until the window reaches {@code bytes} or {@code maxRounds} have passed. */
    long roundTripsUntil(long bytes, int maxRounds) {
        for (int i = 0; i < maxRounds && controller.congestionWindow() < bytes; i++) roundTrip();
        return controller.congestionWindow();
    }

    /** One ACK of {@code bytes} at {@code atNanos} for a packet sent one RTT earlier. */
    void ack(long atNanos, long bytes, long inFlightAfter) {
        nowNanos = atNanos;
        long priorDelivered = Math.max(0, delivered - inFlightAfter - bytes);
        delivered += bytes;
        controller.onAck(new AckSample(atNanos, bytes, rttNanos, rttNanos, inFlightAfter,
            controller.congestionWindow() * 1_000_000_000L / rttNanos, false, atNanos - rttNanos,
            delivered, priorDelivered, 0));
    }

    /** A loss, detected now, of a packet sent {@code sentAgoNanos} ago. */
    void loss(long sentAgoNanos) {
        controller.onCongestionEvent(new LossSample(nowNanos, mss, nowNanos - sentAgoNanos));
    }
}
