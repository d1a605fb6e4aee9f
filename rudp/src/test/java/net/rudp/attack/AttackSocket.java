package net.rudp.attack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;

/**
 * One attacker UDP socket on a loopback address of its own (127.0.0.x: Linux routes all of
 * 127.0.0.0/8 to lo, so binding one is how a test "spoofs" a source without raw sockets). It
 * counts the bytes it sends and receives, so reflection factors are measured where the victim
 * would see them. Not thread-safe for receiving; sends may come from any one thread at a time.
 */
final class AttackSocket implements AutoCloseable {
    private static final int BUFFER_BYTES = 8 << 20;

    private final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocate(65_536);
    private long bytesSent, datagramsSent, bytesReceived, datagramsReceived;

    /** Binds to 127.0.0.{@code host} (1 to 254), any free port. */
    AttackSocket(int host) {
        try {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, BUFFER_BYTES);
            channel.bind(new InetSocketAddress(loopback(host), 0));
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InetAddress loopback(int host) {
        if (host < 1 || host > 254) throw new IllegalArgumentException("127.0.0." + host + " is not a usable loopback host");
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) host});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    InetSocketAddress address() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code d[0, length)}; a datagram the kernel cannot take now is retried briefly, then dropped. */
    void send(InetSocketAddress to, byte[] d, int length) {
        try {
            for (int tries = 0; tries < 100; tries++) {
                if (channel.send(ByteBuffer.wrap(d, 0, length), to) > 0) {
                    bytesSent += length;
                    datagramsSent++;
                    return;
                }
                Thread.onSpinWait();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(InetSocketAddress to, byte[] d) {
        send(to, d, d.length);
    }

    /** The next datagram, waiting at most {@code millis} (0: only what is queued); null if none came. */
    byte[] receive(long millis) {
        try {
            in.clear();
            if (channel.receive(in) == null) {
                if (millis <= 0 || selector.select(millis) == 0) {
                    selector.selectedKeys().clear();
                    return null;
                }
                selector.selectedKeys().clear();
                if (channel.receive(in) == null) return null;
            }
            in.flip();
            bytesReceived += in.remaining();
            datagramsReceived++;
            return Arrays.copyOf(in.array(), in.remaining());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Receives until {@code millis} pass without a datagram; returns how many arrived. */
    int drain(long quietMillis) {
        int n = 0;
        while (receive(quietMillis) != null) n++;
        return n;
    }

    long bytesSent() { return bytesSent; }
    long datagramsSent() { return datagramsSent; }
    long bytesReceived() { return bytesReceived; }
    long datagramsReceived() { return datagramsReceived; }

    @Override
    public void close() {
        try {
            selector.close();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
