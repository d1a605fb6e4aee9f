package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Where a sans-I/O endpoint puts the datagrams it wants sent. The buffer is only valid during the
 * call: a sink sends it at once, queues it in a batch, or copies it (the simulator).
 *
 * <p>A sink that batches offers a {@link #slot}: the endpoint then encodes each datagram straight
 * into the sink's own memory and {@link #send} takes it there without a copy.
 */
@FunctionalInterface
public interface DatagramSink {
    /**
     * Sends the bytes from {@code datagram}'s position to its limit to {@code to}. When
     * {@code datagram} is the buffer the last {@link #slot} call returned, those bytes are where
     * the caller encoded them: from the position {@code slot} set to where writing ended.
     */
    void send(InetSocketAddress to, ByteBuffer datagram);

    /**
     * Where to encode the next datagram to {@code to}: a buffer of the sink's, positioned at the
     * datagram's first byte with at least {@code maxLength} bytes before its limit, valid until
     * the {@link #send} that hands it back; or null, and the caller encodes into a buffer of its
     * own. This default offers none.
     */
    default ByteBuffer slot(InetSocketAddress to, int maxLength) {
        return null;
    }
}
