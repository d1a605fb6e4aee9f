package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Where a sans-I/O endpoint puts the datagrams it wants sent. The buffer is only valid during the
 * call: a sink sends it at once (the driver) or copies it (the simulator).
 */
@FunctionalInterface
public interface DatagramSink {
    /** Sends the bytes from {@code datagram}'s position to its limit to {@code to}. */
    void send(InetSocketAddress to, ByteBuffer datagram);
}
