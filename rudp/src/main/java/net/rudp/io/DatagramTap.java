package net.rudp.io;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Sees every datagram an endpoint hands to its socket and every one the socket hands back, at
 * the one place they cross ({@link DatagramPort}): the hook a capture hangs on. A tap only looks:
 * it leaves each buffer's position and limit as they were and never fails the endpoint. A tap that
 * needs the time reads the loop's clock ({@link EventLoop#now()}) itself, so that an endpoint without a tap
 * pays for no clock reading.
 * Called on the loop thread, under the endpoint lock.
 */
interface DatagramTap {

    /** No tap: what an endpoint without a capture has. */
    DatagramTap NONE = new DatagramTap() {
        @Override
        public void sent(InetSocketAddress to, ByteBuffer datagram) {}

        @Override
        public void received(InetSocketAddress from, ByteBuffer datagram) {}

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    /** The endpoint sends {@code datagram} (position to limit) to {@code to}. */
    void sent(InetSocketAddress to, ByteBuffer datagram);

    /** The endpoint received {@code datagram} (position to limit) from {@code from}. */
    void received(InetSocketAddress from, ByteBuffer datagram);

    /** The loop goes to sleep: what the tap buffered should reach its file. */
    void flush();

    /** The endpoint retires. */
    void close();
}
