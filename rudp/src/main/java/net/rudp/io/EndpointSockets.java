package net.rudp.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import net.rudp.io.batch.BatchedUdpSocket;
import net.rudp.io.batch.BatchedUdpSockets;
import net.rudp.io.batch.UdpSocketConfig;

/**
 * Opens an endpoint's UDP socket: a {@link BatchedUdpSocket} (the Linux fast path where this JVM
 * has it, else a plain {@code DatagramChannel}) with 4 MiB kernel buffers, its batches sized for
 * one wake-up's input and output, and UDP GSO and GRO used where the kernel offers them unless
 * switched off; a socket that fails half-way is closed, never leaked.
 *
 * <p>{@code -Drudp.io.gso=false} and {@code -Drudp.io.gro=false} switch the offloads off for
 * every endpoint of the JVM ({@code ./demo.sh bench}'s on/off rows); {@code -Drudp.io.fast=false}
 * forces the plain path ({@link BatchedUdpSockets#FAST_PATH_PROPERTY}).
 */
final class EndpointSockets {

    /** {@code -Drudp.io.gso=false}: send every datagram as its own message, even on a kernel with UDP GSO. */
    static final String GSO_PROPERTY = "rudp.io.gso";
    /** {@code -Drudp.io.gro=false}: receive datagrams one by one, even on a kernel with UDP GRO. */
    static final String GRO_PROPERTY = "rudp.io.gro";

    private EndpointSockets() {}

    /**
     * A socket bound to {@code local} (port 0: any free port).
     *
     * @throws java.net.BindException "Address already in use: UDP ... is bound by another socket"
     */
    static BatchedUdpSocket bound(InetSocketAddress local) throws IOException {
        return BatchedUdpSockets.open(local, config());
    }

    /**
     * {@code count} sockets bound to one address with {@code SO_REUSEPORT}, so that the kernel
     * spreads its datagrams over them by flow ({@link BatchedUdpSockets#openSharingPort}): the
     * first bound to {@code local} (port 0: any free port), the others to the port it got. All
     * are bound before any is read, so the spread is fixed before a datagram is taken. Closes
     * those it opened if one fails.
     *
     * @throws java.net.BindException if a socket without {@code SO_REUSEPORT} holds the address
     */
    static List<BatchedUdpSocket> sharingPort(InetSocketAddress local, int count) throws IOException {
        List<BatchedUdpSocket> sockets = new ArrayList<>(count);
        try {
            sockets.add(BatchedUdpSockets.openSharingPort(local, config()));
            InetSocketAddress shared = new InetSocketAddress(local.getAddress(), sockets.getFirst().localAddress().getPort());
            while (sockets.size() < count) sockets.add(BatchedUdpSockets.openSharingPort(shared, config()));
            return sockets;
        } catch (IOException | RuntimeException e) {
            for (BatchedUdpSocket socket : sockets) closeQuietly(socket, e);
            throw e;
        }
    }

    /**
     * A socket bound to {@code local} and connected to {@code remote}: it then hears ICMP errors
     * from {@code remote} on either path, and drops datagrams from anyone else.
     */
    static BatchedUdpSocket connected(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        BatchedUdpSocket socket = bound(local);
        try {
            socket.connect(remote);
            return socket;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket, e);
            throw e;
        }
    }

    /** Closes {@code socket} after {@code cause} made it useless; a failure to close is added to the cause. */
    static void closeQuietly(BatchedUdpSocket socket, Exception cause) {
        try {
            socket.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** The default sizes with the offloads the system properties allow, read at each open (tests switch them). */
    static UdpSocketConfig config() {
        return UdpSocketConfig.DEFAULT.withOffloads(allowed(GSO_PROPERTY), allowed(GRO_PROPERTY));
    }

    private static boolean allowed(String property) {
        return !"false".equalsIgnoreCase(System.getProperty(property, "").trim());
    }
}
