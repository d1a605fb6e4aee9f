package net.rudp.attack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stands in for the raw socket an off-path attacker would spoof with: one client talks to the
 * server through it, and {@link #injectToServer} / {@link #injectToClient} send forged datagrams
 * from exactly the addresses each side expects its peer at. A blind injector never reads the
 * forwarded traffic; {@link #recorded()} hands out what passed, for the fuzzer's corpus of real
 * packets, and {@link #lastFromClient()} / {@link #lastFromServer()} are the on-path attacker's
 * view.
 */
final class SpoofingRelay implements AutoCloseable {
    private static final int RECORD_LIMIT = 2_000;

    private final InetSocketAddress server;
    private final DatagramChannel clientSide;
    private final DatagramChannel serverSide;
    private final Selector selector;
    private final Thread forwarder;
    private final List<byte[]> recorded = new ArrayList<>();
    private volatile SocketAddress client;
    private volatile byte[] lastFromClient, lastFromServer;
    private volatile boolean closed;

    SpoofingRelay(InetSocketAddress server) {
        this.server = server;
        try {
            clientSide = DatagramChannel.open().bind(new InetSocketAddress(server.getAddress(), 0));
            serverSide = DatagramChannel.open().bind(new InetSocketAddress(server.getAddress(), 0));
            selector = Selector.open();
            for (DatagramChannel c : List.of(clientSide, serverSide)) {
                c.configureBlocking(false);
                c.register(selector, SelectionKey.OP_READ, c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        forwarder = Thread.ofPlatform().daemon().name("spoofing-relay").start(this::forward);
    }

    /** Where the client connects. */
    InetSocketAddress address() {
        return localAddress(clientSide);
    }

    private void forward() {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        try {
            while (!closed) {
                if (selector.select(100) == 0) continue;
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel from = (DatagramChannel) key.attachment();
                    for (SocketAddress source; (source = receive(from, buffer)) != null; ) {
                        record(buffer);
                        byte[] copy = Arrays.copyOfRange(buffer.array(), 0, buffer.limit());
                        if (from == clientSide) lastFromClient = copy;
                        else lastFromServer = copy;
                        if (from == clientSide) {
                            client = source;
                            serverSide.send(buffer, server);
                        } else if (client != null) {
                            clientSide.send(buffer, client);
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (!closed) throw new UncheckedIOException(e);
        }
    }

    private static SocketAddress receive(DatagramChannel from, ByteBuffer buffer) throws IOException {
        buffer.clear();
        SocketAddress source = from.receive(buffer);
        buffer.flip();
        return source;
    }

    private void record(ByteBuffer d) {
        synchronized (recorded) {
            if (recorded.size() < RECORD_LIMIT) recorded.add(Arrays.copyOfRange(d.array(), 0, d.limit()));
        }
    }

    /** A copy of the first datagrams that passed, both directions. */
    List<byte[]> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /** The last datagram the client sent through the relay; null before the first. */
    byte[] lastFromClient() {
        return lastFromClient;
    }

    /** The last datagram the server sent through the relay; null before the first. */
    byte[] lastFromServer() {
        return lastFromServer;
    }

    /** Sends {@code d} to the server from the client's address as the server knows it. */
    void injectToServer(byte[] d) {
        send(serverSide, d, server);
    }

    /** Sends {@code d} to the client from the server's address as the client knows it. */
    void injectToClient(byte[] d) {
        SocketAddress c = client;
        if (c != null) send(clientSide, d, c);
    }

    private static void send(DatagramChannel channel, byte[] d, SocketAddress to) {
        try {
            channel.send(ByteBuffer.wrap(d), to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InetSocketAddress localAddress(DatagramChannel c) {
        try {
            return (InetSocketAddress) c.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
        try {
            forwarder.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        selector.close();
        clientSide.close();
        serverSide.close();
    }
}
