package net.rudp.io;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * Opens the driver's UDP channels: non-blocking, with large socket buffers, and with bind errors
 * that name the address; a channel that fails half-way is closed, never leaked.
 */
final class UdpChannels {

    /** Requested SO_SNDBUF and SO_RCVBUF (the kernel caps them at net.core.[rw]mem_max). */
    static final int SOCKET_BUFFER_BYTES = 4 << 20;

    private UdpChannels() {}

    /**
     * A channel bound to {@code local} (port 0: any free port), with {@link #SOCKET_BUFFER_BYTES}
     * socket buffers.
     *
     * @throws BindException "Address already in use: UDP ... is bound by another socket"
     */
    static DatagramChannel bound(InetSocketAddress local) throws IOException {
        return open(local, SOCKET_BUFFER_BYTES);
    }

    /**
     * A channel bound to {@code local} and connected to {@code remote}: the kernel then reports
     * ICMP errors from {@code remote} on it (as {@link java.net.PortUnreachableException}), and
     * drops datagrams from anyone else.
     */
    static DatagramChannel connected(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        return connect(bound(local), remote);
    }

    /**
     * A channel connected to {@code remote} from any free port, with the kernel's default socket
     * buffers: a {@link RefusalProbes} probe, which sends one byte and reads only errors.
     *
     * @throws java.net.SocketException "Network is unreachable" and the like, as TCP's connect
     */
    static DatagramChannel probe(InetSocketAddress remote) throws IOException {
        return connect(open(new InetSocketAddress(0), 0), remote);
    }

    /** @param bufferBytes the SO_SNDBUF and SO_RCVBUF to ask for; 0 keeps the kernel's defaults */
    private static DatagramChannel open(InetSocketAddress local, int bufferBytes) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            if (bufferBytes > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, bufferBytes);
                channel.setOption(StandardSocketOptions.SO_RCVBUF, bufferBytes);
            }
            channel.configureBlocking(false);
            channel.bind(local);
            return channel;
        } catch (BindException e) {
            closeQuietly(channel, e);
            BindException clear = new BindException("Address already in use: UDP " + local + " is bound by another socket");
            clear.initCause(e);
            throw clear;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    private static DatagramChannel connect(DatagramChannel channel, InetSocketAddress remote) throws IOException {
        try {
            channel.connect(remote);
            return channel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    /** Closes {@code channel} after {@code cause} made it useless; a failure to close is added to the cause. */
    static void closeQuietly(DatagramChannel channel, Exception cause) {
        try {
            channel.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
