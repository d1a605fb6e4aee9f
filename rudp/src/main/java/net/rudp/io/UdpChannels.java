package net.rudp.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * Opens the refusal probes' UDP channels ({@link RefusalProbes}): non-blocking, connected, with
 * the kernel's default buffers; a channel that fails half-way is closed, never leaked. (The
 * endpoints' own sockets come from {@link EndpointSockets}.)
 */
final class UdpChannels {

    private UdpChannels() {}

    /**
     * A channel connected to {@code remote} from any free port, with the kernel's default socket
     * buffers: a {@link RefusalProbes} probe, which sends one byte and reads only errors, or
     * only asks which local address reaches {@code remote}.
     *
     * @throws java.net.SocketException "Network is unreachable" and the like, as TCP's connect
     */
    static DatagramChannel probe(InetSocketAddress remote) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(0));
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
