package net.rudp.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import net.rudp.core.DatagramSink;
import net.rudp.core.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves datagrams between an endpoint and its {@link DatagramChannel}: a batch received per
 * wake-up, each datagram the endpoint sends, and every error of either counted and mapped by
 * {@link DatagramErrors}. Used by the loop thread only, under the endpoint lock.
 *
 * <p><b>A full socket send buffer</b> drops the datagram (counted as
 * {@link DatagramErrors.Kind#SEND_BUFFER_FULL}). The connection believes it sent it and recovers
 * as from any loss; the send buffer is sized so this is rare (on loopback, overflow happens at
 * the receiver's buffer instead).
 *
 * <p><b>The tap</b> ({@link DatagramTap}, a capture) sees each datagram the endpoint hands over
 * to send, before the socket takes it (so a send that then fails is in a capture too), and each
 * one received, before the endpoint does.
 */
final class DatagramPort implements DatagramSink {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramPort.class);
    /** Datagrams received per wake-up before timers run and output is flushed. */
    static final int RECEIVE_BATCH = 64;
    /** The largest UDP payload: a datagram longer than the endpoint accepts still arrives whole and is rejected by the codec. */
    private static final int MAX_UDP_PAYLOAD = 65_535;

    private final DatagramChannel channel;
    /** The peer a connected channel is connected to, or null. */
    private final InetSocketAddress peer;
    private final InetSocketAddress localAddress;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_UDP_PAYLOAD);
    private final DatagramErrors errors = new DatagramErrors();
    private final DatagramTap tap;
    private boolean portUnreachable;

    /** @param peer the remote a connected {@code channel} is connected to; null for an unconnected one */
    DatagramPort(DatagramChannel channel, InetSocketAddress peer) throws IOException {
        this(channel, peer, DatagramTap.NONE);
    }

    /** @param tap sees every datagram sent and received */
    DatagramPort(DatagramChannel channel, InetSocketAddress peer, DatagramTap tap) throws IOException {
        this.channel = channel;
        this.peer = peer;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.tap = tap;
    }

    InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Hands up to {@link #RECEIVE_BATCH} waiting datagrams to {@code endpoint}. */
    void receiveBatch(Endpoint endpoint) {
        for (int i = 0; i < RECEIVE_BATCH; i++) {
            receiveBuffer.clear();
            InetSocketAddress from;
            try {
                // A connected channel: read() needs no source address object per datagram.
                from = peer != null ? (channel.read(receiveBuffer) > 0 ? peer : null)
                    : (InetSocketAddress) channel.receive(receiveBuffer);
            } catch (ClosedChannelException e) {
                throw new IllegalStateException("rudp endpoint " + localAddress + " receives after its channel closed", e);
            } catch (IOException e) {
                // A connected channel reports the ICMP error a datagram of ours drew, once.
                failed(DatagramErrors.classify(e), "receive from", peer, e);
                continue;
            }
            if (from == null) return;
            receiveBuffer.flip();
            tap.received(from, receiveBuffer);
            endpoint.receive(from, receiveBuffer, EventLoop.now());
        }
    }

    @Override
    public void send(InetSocketAddress to, ByteBuffer datagram) {
        tap.sent(to, datagram);
        try {
            int sent = peer != null ? channel.write(datagram) : channel.send(datagram, to);
            if (sent == 0) failed(DatagramErrors.Kind.SEND_BUFFER_FULL, "send to", to, null);
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("rudp endpoint " + localAddress + " sends after its channel closed", e);
        } catch (IOException e) {
            failed(DatagramErrors.classify(e), "send to", to, e);
        }
    }

    /**
     * Whether a connected channel reported ICMP port unreachable since the last call: nobody
     * listens at the peer's port.
     */
    boolean takePortUnreachable() {
        boolean was = portUnreachable;
        portUnreachable = false;
        return was;
    }

    /** The errors counted so far, by kind. */
    Map<DatagramErrors.Kind, Long> errorCounts() {
        return errors.counts();
    }

    /** The loop is about to sleep: the tap's buffered datagrams go to its file. */
    void flushTap() {
        tap.flush();
    }

    /** Closes the channel, then the tap. */
    void close() throws IOException {
        try {
            channel.close();
        } finally {
            tap.close();
        }
    }

    private void failed(DatagramErrors.Kind kind, String operation, InetSocketAddress remote, IOException cause) {
        if (kind == DatagramErrors.Kind.PORT_UNREACHABLE) portUnreachable = true;
        String warning = errors.record(kind, EventLoop.now());
        if (warning != null) {
            // The datagram is lost; the connection retransmits, or times out if this goes on.
            LOG.warn("rudp endpoint {}: {} {} failed: {}", localAddress, operation, remote, warning, cause);
        }
    }
}
