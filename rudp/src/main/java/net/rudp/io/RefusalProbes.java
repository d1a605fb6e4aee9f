package net.rudp.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import net.rudp.core.Endpoint;
import net.rudp.io.batch.BatchedUdpSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a shared client endpoint on the plain path, whose unconnected channel never hears ICMP,
 * that nothing is bound at a peer's port, so that a call there is refused at once instead of
 * timing out; and tells either path's shared endpoint which local address reaches a peer.
 *
 * <p>Linux reports an ICMP port unreachable only to a connected UDP socket, or through
 * {@code IP_RECVERR}'s error queue, which the fast path reads (then the socket itself reports
 * the refusal, {@link BatchedUdpSocket#pollDeliveryError()}, and no probe is kept) but Java 21
 * cannot read without native code. So on the plain path, while
 * calls to a peer are in progress, a <b>probe</b>, a channel of its own connected to that peer,
 * sends it one byte when its first call starts. A rudp endpoint drops the byte silently (too
 * short to be a packet, spec 6.1); where nothing is bound, the peer's kernel answers with ICMP
 * port unreachable, which the probe's next read throws, and the calls to that peer in progress are
 * refused. A port that is bound but does not listen refuses by itself (RST(REFUSED), spec 13.1).
 *
 * <p>One probe serves every call in progress to its peer and closes when the last of them ends
 * (established, refused or abandoned), so a client keeps at most one extra socket per peer it is
 * calling, and only for the handshake. Opening it costs a socket, a connect (a route lookup, no
 * packet) and one send per peer. Its connect also tells which local address the kernel picks for
 * that peer, which the shared channel, bound to the wildcard address, cannot. Guarded by the
 * endpoint lock.
 */
final class RefusalProbes {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalProbes.class);

    /** Reads per probe and wake-up: whatever the peer sends to a probe is discarded, a bounded amount at a time. */
    private static final int READS_PER_POLL = 8;

    private final Map<InetSocketAddress, Probe> byPeer = new HashMap<>();
    private final ByteBuffer discard = ByteBuffer.allocate(1);

    private static final class Probe {
        final DatagramChannel channel;
        final InetSocketAddress localAddress;
        int calls;
        /** The selector found the channel readable (an ICMP error is pending, or a datagram); the loop thread's. */
        boolean ready;

        Probe(DatagramChannel channel) throws IOException {
            this.channel = channel;
            this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        }
    }

    /**
     * A call to {@code peer} starts: opens the peer's probe unless one is open.
     *
     * @return the local address the kernel uses to reach {@code peer} (the port is the probe's)
     * @throws java.net.SocketException if the peer cannot be reached at all ("Network is
     *                                  unreachable"), as TCP's connect reports it
     */
    InetSocketAddress callStarted(InetSocketAddress peer, BatchedUdpSocket socket) throws IOException {
        if (socket.offloads().errorQueue()) return localAddressTowards(peer);
        Probe probe = byPeer.get(peer);
        if (probe == null) {
            DatagramChannel channel = UdpChannels.probe(peer);
            try {
                channel.write(ByteBuffer.allocate(1));
                Probe watched = new Probe(channel);
                socket.watch(channel, () -> watched.ready = true);
                probe = watched;
            } catch (IOException | RuntimeException e) {
                UdpChannels.closeQuietly(channel, e);
                throw e;
            }
            byPeer.put(peer, probe);
        }
        probe.calls++;
        return probe.localAddress;
    }

    /** The local address the kernel picks to reach {@code peer}: a connect without a packet, on a socket closed at once. */
    private static InetSocketAddress localAddressTowards(InetSocketAddress peer) throws IOException {
        try (DatagramChannel channel = UdpChannels.probe(peer)) {
            return (InetSocketAddress) channel.getLocalAddress();
        }
    }

    /** A call to {@code peer} ended: it was established, refused or abandoned (nothing to do if it had no probe). */
    void callEnded(InetSocketAddress peer) {
        Probe probe = byPeer.get(peer);
        if (probe != null && --probe.calls == 0) {
            byPeer.remove(peer);
            try {
                probe.channel.close();
            } catch (IOException e) {
                LOG.warn("rudp: closing the refusal probe to {} failed", peer, e);
            }
        }
    }

    /**
     * Refuses, through {@code endpoint}, the calls in progress to every peer whose probe drew an
     * ICMP port unreachable. Reads only the probes the selector found ready, so a wake-up costs
     * no system call per probe.
     *
     * @return whether any did
     */
    boolean refuseUnreachable(Endpoint endpoint) {
        if (byPeer.isEmpty()) return false;
        boolean any = false;
        for (Map.Entry<InetSocketAddress, Probe> e : byPeer.entrySet()) {
            Probe probe = e.getValue();
            if (!probe.ready) continue;
            probe.ready = false;
            if (drewPortUnreachable(probe.channel)) {
                endpoint.portUnreachable(e.getKey());
                any = true;
            }
        }
        return any;
    }

    /** Closes every probe: the endpoint retires. */
    void closeAll() throws IOException {
        for (Iterator<Probe> it = byPeer.values().iterator(); it.hasNext(); ) {
            DatagramChannel channel = it.next().channel;
            it.remove();
            channel.close();
        }
    }

    private boolean drewPortUnreachable(DatagramChannel channel) {
        try {
            for (int i = 0; i < READS_PER_POLL && channel.read(discard.clear()) > 0; i++) {
                // not for us: a probe only listens for errors
            }
            return false;
        } catch (PortUnreachableException e) {
            return true;
        } catch (IOException e) {
            // Any other error (say, host unreachable) is not a refusal: the call times out as before.
            return false;
        }
    }
}
