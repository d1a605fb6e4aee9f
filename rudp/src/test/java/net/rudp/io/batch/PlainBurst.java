package net.rudp.io.batch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A plain sender in its own process (so it can run inside a network namespace): sends
 * {@code count} datagrams of {@code length} bytes, {@link Datagrams#content} numbered from 0, one
 * {@code send} each, as fast as it can. Arguments: host port count length.
 */
public final class PlainBurst {
    private PlainBurst() {}

    public static void main(String[] args) throws IOException {
        InetSocketAddress to = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        int length = Integer.parseInt(args[3]);
        try (DatagramChannel channel = DatagramChannel.open()) {
            for (int i = 0; i < count; i++) channel.send(ByteBuffer.wrap(Datagrams.content(i, length)), to);
        }
    }
}
