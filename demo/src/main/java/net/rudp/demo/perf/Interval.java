package net.rudp.demo.perf;

import java.util.Optional;
import net.rudp.demo.transport.TransportStats;

/**
 * What one stream did in one reporting interval (-i), as iperf3's interval lines show it.
 *
 * @param stream             the stream's id
 * @param sender             whether this end sends on it (only a sender's window, RTT and retransmissions mean anything)
 * @param startNanos         the interval's start, from the test's start
 * @param endNanos           the interval's end, from the test's start
 * @param bytes              bytes sent or received in the interval
 * @param retransmittedBytes bytes the transport sent again in the interval
 * @param stats              the connection's counters at the interval's end, if the transport tells
 */
record Interval(int stream, boolean sender, long startNanos, long endNanos, long bytes, long retransmittedBytes,
                Optional<TransportStats> stats) {

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    double bitsPerSecond() {
        return endNanos == startNanos ? 0 : bytes * 8e9 / (endNanos - startNanos);
    }
}
