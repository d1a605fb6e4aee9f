package net.rudp.io.batch;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain path: a non-blocking {@link DatagramChannel} with one system call per datagram and a
 * {@link Selector} to wait in; the reference the fast path is measured and tested against, and
 * what runs on Java 21 and off Linux.
 *
 * <p>One difference the JDK imposes: an interrupted thread doing I/O on a channel closes it
 * ({@link java.nio.channels.ClosedByInterruptException}); the fast path ignores interrupts.
 */
final class ChannelUdpSocket extends SocketCore {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelUdpSocket.class);
    /** Datagrams up to this size fit any path (spec 2.5); a larger one refused is a path MTU probe's business. */
    private static final int SAFE_DATAGRAM = 1200;
    private final DatagramChannel channel;
    private final Selector selector;
    /** {@link #onSelected} as the selector's action, made once: a wait allocates nothing. */
    private final Consumer<SelectionKey> onSelected = ChannelUdpSocket::onSelected;
    /** Internal views of the batches' buffers, so the callers' position and limit stay theirs. */
    private final ByteBuffer sendView;
    private final ByteBuffer receiveView;
    private InetSocketAddress peer;
    private boolean sendErrorLogged;

    private ChannelUdpSocket(DatagramChannel channel, Selector selector, UdpSocketConfig config) throws IOException {
        super((InetSocketAddress) channel.getLocalAddress(), config);
        this.channel = channel;
        this.selector = selector;
        this.sendView = outgoing.buffer().duplicate();
        this.receiveView = incoming.buffer().duplicate();
    }

    /**
     * A channel bound to {@code local} (null: the wildcard address, any port), as
     * {@link BatchedUdpSockets#openPlain}; with {@code sharePort}, with {@code SO_REUSEPORT}
     * (an {@link UnsupportedOperationException} where the JDK has no such option for datagram channels).
     */
    static ChannelUdpSocket open(InetSocketAddress local, UdpSocketConfig config, boolean sharePort) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        Selector selector = null;
        try {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, config.sendBufferBytes());
            channel.setOption(StandardSocketOptions.SO_RCVBUF, config.receiveBufferBytes());
            if (sharePort) channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            forbidFragmentation(channel);
            channel.configureBlocking(false);
            bind(channel, local);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            return new ChannelUdpSocket(channel, selector, config);
        } catch (IOException | RuntimeException e) {
            if (selector != null) selector.close();
            channel.close();
            throw e;
        }
    }

    /**
     * Don't Fragment where the JDK offers it (spec 9.13): a datagram the path cannot carry is
     * dropped, not fragmented, so path MTU probes tell the truth. Without module jdk.net, or on a
     * platform without the option, datagrams may be fragmented and probes may overstate the path.
     */
    private static void forbidFragmentation(DatagramChannel channel) {
        try {
            if (channel.supportedOptions().contains(ExtendedSocketOptions.IP_DONTFRAGMENT)) {
                channel.setOption(ExtendedSocketOptions.IP_DONTFRAGMENT, true);
            }
        } catch (IOException | LinkageError e) {
            LOG.debug("Don't Fragment not set: datagrams may be fragmented", e);
        }
    }

    private static void bind(DatagramChannel channel, InetSocketAddress local) throws IOException {
        try {
            channel.bind(local);
        } catch (BindException e) {
            throw SocketErrors.clarify(local == null ? new InetSocketAddress(0) : local, e);
        }
    }

    @Override
    public UdpOffloads offloads() {
        return UdpOffloads.NONE;
    }

    @Override
    public int send() throws IOException {
        requireOpen();
        int sent = 0;
        try {
            for (int i = 0; i < outgoing.size(); i++) {
                sendView.clear().position(outgoing.offset(i)).limit(outgoing.offset(i) + outgoing.length(i));
                if (sendOne(outgoing.destination(i))) sent++;
            }
        } finally {
            outgoing.clear();
        }
        counters.datagramsSent += sent;
        counters.messagesSent += sent;
        return sent;
    }

    /** One datagram; true if the kernel took it. An ICMP error from an earlier datagram is reported and this one tried again. */
    private boolean sendOne(InetSocketAddress to) throws IOException {
        for (int attempt = 0; attempt < 2; attempt++) {
            counters.sendCalls++;
            try {
                if ((peer != null ? channel.write(sendView) : channel.send(sendView, to)) > 0 || !sendView.hasRemaining()) {
                    return true;
                }
                counters.datagramsDropped++;
                return false;
            } catch (PortUnreachableException e) {
                deliveryErrors.add(peer, DeliveryError.Kind.PORT_UNREACHABLE, 0);
            } catch (ClosedChannelException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                refused(to, e, sendView.remaining());
                return false;
            }
        }
        counters.datagramsRefused++;
        return false;
    }

    /** A send failed; not logged for a datagram above 1200 bytes, most likely a path MTU probe above the link's MTU (spec 9.13). */
    private void refused(InetSocketAddress to, Exception e, int length) {
        counters.datagramsRefused++;
        if (length <= SAFE_DATAGRAM && !sendErrorLogged) {
            sendErrorLogged = true;
            LOG.warn("UDP {}: a send to {} failed (logged once per socket): {}", localAddress, to, e.toString());
        }
    }

    @Override
    public int receive() throws IOException {
        requireOpen();
        incoming.reset();
        int datagrams = 0;
        while (incoming.messageCount() < incoming.capacity()) {
            int slot = incoming.messageCount(); // an overlong datagram's slot is filled again
            int start = incoming.slotOffset(slot);
            receiveView.clear().position(start).limit(start + incoming.slotBytes());
            SocketAddress from = receiveOne();
            if (from == null) break;
            int length = receiveView.position() - start;
            if (length > incoming.maxMessageBytes()) {
                counters.datagramsOverlong++;
                continue;
            }
            datagrams += incoming.addMessage(slot, length, length, (InetSocketAddress) from);
        }
        counters.messagesReceived += datagrams;
        counters.datagramsReceived += datagrams;
        return datagrams;
    }

    /** The next datagram's source, or null if none is waiting. */
    private SocketAddress receiveOne() throws IOException {
        while (true) {
            counters.receiveCalls++;
            try {
                return channel.receive(receiveView);
            } catch (PortUnreachableException e) {
                deliveryErrors.add(peer, DeliveryError.Kind.PORT_UNREACHABLE, 0);
            }
        }
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) throws IOException {
        requireOpen();
        try {
            int ready;
            if (timeoutNanos <= 0) {
                ready = selector.selectNow(onSelected);
            } else if (timeoutNanos == Long.MAX_VALUE) {
                ready = selector.select(onSelected);
            } else {
                // Selector timeouts are in milliseconds: round up, so a wait never ends before its deadline.
                ready = selector.select(onSelected, Math.ceilDiv(timeoutNanos, 1_000_000L));
            }
            // close() closes the selector first, which ends the wait: the channel may still be open.
            if (!selector.isOpen() || !channel.isOpen()) throw SocketErrors.closedWhileWaiting();
            return ready > 0;
        } catch (ClosedSelectorException e) {
            throw SocketErrors.closedWhileWaiting();
        }
    }

    /** A ready key: a watched channel's readiness action runs (the socket's own channel has none). */
    private static void onSelected(SelectionKey key) {
        if (key.attachment() instanceof Runnable onReady) onReady.run();
    }

    @Override
    public void watch(DatagramChannel other, Runnable onReady) throws IOException {
        requireOpen();
        other.register(selector, SelectionKey.OP_READ, onReady);
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void connect(InetSocketAddress peer) throws IOException {
        requireOpen();
        channel.connect(peer);
        this.peer = peer;
        outgoing.connectTo(peer);
    }

    private void requireOpen() throws ClosedChannelException {
        if (!channel.isOpen()) throw SocketErrors.closed();
    }

    @Override
    public void close() throws IOException {
        // The selector first: it wakes a waiting thread, and a registered channel closes only once its key is gone.
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "ChannelUdpSocket[" + localAddress + (peer == null ? "" : " -> " + peer) + "]";
    }
}
