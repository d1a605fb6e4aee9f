package net.rudp.core;

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

    /** Assembles the counters of a connection from the parts that keep them. */
    static ConnectionStats of(ConnectionState state, Sender sender, Receiver receiver, RttEstimator rtt, PacketWriter writer,
                              SendBuffer buffer, long packetsReceived) {
        var cc = sender.controller();
        return new ConnectionStats(state, cc.name(), rtt.smoothedRtt(), rtt.rttVariation(), rtt.minRtt(), rtt.rto(),
            cc.congestionWindow(), cc.slowStartThreshold(), sender.bytesInFlight(), sender.pacingRate(),
            sender.deliveryRate().deliveryRate(), writer.bytesSent(), sender.deliveryRate().delivered(),
            writer.bytesRetransmitted(), receiver.stream().bytesReceived(), writer.packetsSent(), packetsReceived,
            sender.segmentsLost(), sender.spuriousRetransmissions(), sender.timeouts(), buffer.sendWindow(),
            receiver.window().known(), receiver.nacks().corruptReceived());
    }

    /** Retransmitted bytes per byte sent. */
    public double retransmissionRate() {
        return bytesSent == 0 ? 0 : (double) bytesRetransmitted / bytesSent;
    }
}
