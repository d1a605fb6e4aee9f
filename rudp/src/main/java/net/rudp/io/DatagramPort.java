package net.rudp.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import net.rudp.core.DatagramSink;
import net.rudp.core.Endpoint;
import net.rudp.io.batch.BatchedUdpSocket;
import net.rudp.io.batch.DeliveryError;
import net.rudp.io.batch.IncomingBatch;
import net.rudp.io.batch.OutgoingBatch;
import net.rudp.io.batch.UdpCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves datagrams between an endpoint and its {@link BatchedUdpSocket}: batches received per
 * wake-up (GRO trains split into their datagrams), the datagrams the endpoint flushes encoded
 * straight into the socket's send batch and sent together, and every datagram lost on the way
 * counted by kind in {@link DatagramErrors}. Used by the loop thread only, under the endpoint
 * lock.
 *
 * <p><b>One send per wake-up.</b> The endpoint encodes each datagram into the {@link #slot} the
 * batch hands out; {@link #sendBatch} then gives the whole batch to the kernel at once: with UDP
 * GSO a run of same-size datagrams to one peer is one message, and {@code sendmmsg} carries the
 * messages to every peer in one system call (on the plain path, one call per datagram). A batch
 * that fills mid-flush is sent at once.
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
    /**
     * Receive calls per wake-up before timers run and output is flushed: each reads up to a batch
     * of messages (16 by default, each a datagram or a GRO train of up to 64 KiB).
     */
    static final int RECEIVES_PER_WAKE_UP = 4;

    private final BatchedUdpSocket socket;
    private final OutgoingBatch outgoing;
    private final IncomingBatch incoming;
    private final UdpCounters counters;
    private final InetSocketAddress localAddress;
    private final DatagramErrors errors = new DatagramErrors();
    private final DatagramTap tap;
    /** The socket's drop counters when last looked at, so each loss is counted once. */
    private long droppedSeen;
    private long refusedSeen;

    DatagramPort(BatchedUdpSocket socket) {
        this(socket, DatagramTap.NONE);
    }

    /** @param tap sees every datagram sent and received */
    DatagramPort(BatchedUdpSocket socket, DatagramTap tap) {
        this.socket = socket;
        this.outgoing = socket.outgoing();
        this.incoming = socket.incoming();
        this.counters = socket.counters();
        this.localAddress = socket.localAddress();
        this.tap = tap;
    }

    InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The socket, for the loop to wait on. */
    BatchedUdpSocket socket() {
        return socket;
    }

    /** Hands the datagrams waiting in the socket to {@code endpoint}: up to {@link #RECEIVES_PER_WAKE_UP} batches. */
    void receiveBatch(Endpoint endpoint) {
        for (int i = 0; i < RECEIVES_PER_WAKE_UP; i++) {
            try {
                if (socket.receive() == 0) return;
            } catch (ClosedChannelException e) {
                throw new IllegalStateException("rudp endpoint " + localAddress + " receives after its socket closed", e);
            } catch (IOException e) {
                failed(DatagramErrors.Kind.OTHER, "receive", null, e);
                return;
            }
            long now = EventLoop.now();
            while (incoming.next()) {
                tap.received(incoming.source(), incoming.datagram());
                endpoint.receive(incoming.source(), incoming.datagram(), now);
            }
            if (incoming.messageCount() < incoming.capacity()) return; // the socket is drained
        }
    }

    @Override
    public ByteBuffer slot(InetSocketAddress to, int maxLength) {
        outgoing.discardOpen(); // an encoder that threw left its datagram open: it is not sent
        ByteBuffer slot = outgoing.begin(to, maxLength);
        if (slot != null) return slot;
        sendBatch();
        return outgoing.begin(to, maxLength);
    }

    @Override
    public void send(InetSocketAddress to, ByteBuffer datagram) {
        tap.sent(to, datagram);
        if (outgoing.isOpenIn(datagram)) {
            datagram.position(datagram.limit()); // the batch takes the bytes up to the position
            outgoing.commit();
        } else if (!outgoing.add(to, datagram)) {
            sendBatch();
            outgoing.add(to, datagram);
        }
    }

    /** Sends every datagram queued since the last call, as one batch. */
    void sendBatch() {
        if (outgoing.isEmpty()) return;
        try {
            socket.send();
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("rudp endpoint " + localAddress + " sends after its socket closed", e);
        } catch (IOException e) {
            failed(DatagramErrors.Kind.OTHER, "send", null, e);
        }
        countLosses();
    }

    /**
     * Refuses, through {@code endpoint}, the calls in progress to every peer whose port the socket
     * heard was unreachable, and counts every delivery error.
     *
     * @return whether any peer's port was unreachable
     */
    boolean refuseUnreachable(Endpoint endpoint) {
        boolean any = false;
        DeliveryError error;
        while ((error = socket.pollDeliveryError()) != null) {
            DatagramErrors.Kind kind = DatagramErrors.Kind.of(error.kind());
            if (kind == DatagramErrors.Kind.PORT_UNREACHABLE) {
                endpoint.portUnreachable(error.destination());
                any = true;
            }
            failed(kind, "delivery to", error.destination(), null);
        }
        return any;
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
            socket.close();
        } finally {
            tap.close();
        }
    }

    private void countLosses() {
        long dropped = counters.datagramsDropped() - droppedSeen;
        long refused = counters.datagramsRefused() - refusedSeen;
        droppedSeen += dropped;
        refusedSeen += refused;
        for (long i = 0; i < dropped; i++) failed(DatagramErrors.Kind.SEND_BUFFER_FULL, "send", null, null);
        // The socket logged why the kernel refused (once); these count it.
        for (long i = 0; i < refused; i++) failed(DatagramErrors.Kind.REFUSED, "send", null, null);
    }

    private void failed(DatagramErrors.Kind kind, String operation, InetSocketAddress remote, IOException cause) {
        String warning = errors.record(kind, EventLoop.now());
        if (warning != null) {
            // The datagram is lost; the connection retransmits, or times out if this goes on.
            LOG.warn("rudp endpoint {}: {} {} failed: {}", localAddress, operation, remote == null ? "" : remote, warning, cause);
        }
    }
}
