package net.rudp.demo.transport;

import java.util.Objects;

/**
 * A snapshot of one connection's sending side, as its transport reports it (rudp's
 * {@code ConnectionStats}, the kernel's {@code tcp_info} for TCP), in the units both share.
 *
 * @param congestionControl     the congestion controller's name, e.g. {@code "cubic"}
 * @param smoothedRttNanos      the smoothed round-trip time
 * @param minRttNanos           the smallest round-trip time seen
 * @param congestionWindowBytes the congestion window
 * @param bytesSent             payload bytes sent, retransmissions included
 * @param bytesRetransmitted    payload bytes sent again
 */
public record TransportStats(String congestionControl, long smoothedRttNanos, long minRttNanos,
                             long congestionWindowBytes, long bytesSent, long bytesRetransmitted) {
    public TransportStats {
        Objects.requireNonNull(congestionControl, "congestionControl");
    }

    /** Retransmitted bytes per byte sent (0 before anything was sent). */
    public double retransmittedFraction() {
        return bytesSent == 0 ? 0 : (double) bytesRetransmitted / bytesSent;
    }
}
