package net.rudp;

/**
 * A snapshot of one connection, like {@code ss -ti} shows for TCP. Times in nanoseconds, rates in
 * bytes per second, windows in bytes.
 */
public record ConnectionStats(ConnectionState state, String congestionControl,
                              long smoothedRtt, long rttVariation, long minRtt, long rto,
                              long congestionWindow, long slowStartThreshold, long bytesInFlight,
                              long pacingRate, long deliveryRate,
                              long bytesSent, long bytesAcked, long bytesRetransmitted, long bytesReceived,
                              long packetsSent, long packetsReceived, long packetsLost,
                              long spuriousRetransmissions, long retransmissionTimeouts,
                              long sendWindow, long receiveWindow, long corruptReceived) {

    /** Retransmitted bytes per byte sent. */
    public double retransmissionRate() {
        return bytesSent == 0 ? 0 : (double) bytesRetransmitted / bytesSent;
    }
}
