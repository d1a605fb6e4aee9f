package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One datagram on its way to a {@link DatagramSink}: encoded into the slot the sink offers (so a
 * batching driver sends it without a copy), or else into the endpoint's own buffer, then handed
 * to the sink. Reused for every datagram of a flush; allocates nothing.
 */
final class DatagramSlot {
    private ByteBuffer own;
    private DatagramSink sink;
    private ByteBuffer open;
    private int start;

    /** The datagrams until the next call go to {@code to}, encoded into its slots or else into {@code buffer}. */
    void use(ByteBuffer buffer, DatagramSink to) {
        own = buffer;
        sink = to;
    }

    /** The buffer to encode the next datagram to {@code to} into, at its position: at most the endpoint buffer's capacity. */
    ByteBuffer open(InetSocketAddress to) {
        ByteBuffer offered = sink.slot(to, own.capacity());
        open = offered != null ? offered : own.clear();
        start = open.position();
        return open;
    }

    /** Hands what was encoded since {@link #open} to the sink, as one datagram to {@code to}. */
    void send(InetSocketAddress to) {
        open.limit(open.position()).position(start);
        sink.send(to, open);
    }
}
