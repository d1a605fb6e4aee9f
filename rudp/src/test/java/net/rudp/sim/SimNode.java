package net.rudp.sim;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import net.rudp.core.DatagramSink;

/**
 * A host on a {@link SimNetwork}: shaped like a sans-I/O protocol endpoint, which the network
 * drives with a virtual clock. After every call that may have given the node something to send
 * ({@code receive}, {@code timeout}, and once at the start of each run), the network calls
 * {@code flush}.
 */
public interface SimNode {
    /** The node's address; the network routes datagrams sent to it here. */
    InetSocketAddress address();

    /** A datagram from {@code from}, between its position and limit; valid only during the call. */
    void receive(InetSocketAddress from, ByteBuffer datagram, long nowNanos);

    /** Called when {@code nowNanos >= nextDeadline()}. */
    void timeout(long nowNanos);

    /** When the node next wants {@link #timeout}; {@link Long#MAX_VALUE} if never. */
    long nextDeadline();

    /** Hands every datagram the node wants sent now to {@code sink}, which copies it. */
    void flush(long nowNanos, DatagramSink sink);
}
