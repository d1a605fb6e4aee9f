package net.rudp.core;

import net.rudp.ConnectionState;
import net.rudp.ConnectionStats;

/** Assembles a connection's {@link ConnectionStats} from the parts that keep each counter. */
final class StatsSnapshot {
    private StatsSnapshot() {}

    static ConnectionStats of(ConnectionState state, Sender sender, Receiver receiver, RttEstimator rtt,
                              PacketWriter writer, SendBuffer buffer, long packetsReceived) {
        var cc = sender.controller();
        return new ConnectionStats(state, cc.name(), rtt.smoothedRtt(), rtt.rttVariation(), rtt.minRtt(), rtt.rto(),
            cc.congestionWindow(), cc.slowStartThreshold(), sender.bytesInFlight(), sender.pacingRate(),
            sender.deliveryRate().deliveryRate(), writer.bytesSent(), sender.deliveryRate().delivered(),
            writer.bytesRetransmitted(), receiver.stream().bytesReceived(), writer.packetsSent(), packetsReceived,
            sender.segmentsLost(), sender.spuriousRetransmissions(), sender.timeouts(), buffer.sendWindow(),
            receiver.window().known(), receiver.nacks().corruptReceived(),
            sender.pathMtu().datagramSize());
    }
}
