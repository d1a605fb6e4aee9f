package net.rudp.impair;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A UDP relay on loopback that impairs real traffic: clients send to {@link #address()}, the relay
 * forwards to the target server through one {@link ImpairedLink}, and the server's replies come
 * back through another. Each client address gets its own relay-side socket towards the server
 * (as a NAT does), so the server sees one peer per client and many connections can share a relay.
 * {@link #addRoute} opens another port that forwards to another server through the same two
 * links, so that flows to different servers share one bottleneck.
 *
 * <pre>{@code
 * try (var relay = new UdpImpairmentRelay(server, Scenario.WAN_LOSS1.profile(), Scenario.WAN_LOSS1.profile(), 42)) {
 *     relay.start();
 *     connect(relay.address());
 * }
 * }</pre>
 *
 * <p>Two threads: a receiver that waits on a {@link Selector} for datagrams and offers them to the
 * links, and a scheduler that sleeps ({@link LockSupport#parkNanos}, finer than a selector's
 * millisecond timeout) until the next copy is due and sends it. The links' clock is
 * {@link System#nanoTime()}. The relay sends only to the target and to client addresses it
 * received from, and it binds to the target's loopback address, so nothing leaves the host.
 * Datagrams the relay cannot pass on (socket buffer full, server port closed, more than
 * {@link #MAX_CLIENTS} clients) are counted in {@link #droppedLocally()}.
 */
public final class UdpImpairmentRelay implements AutoCloseable {

    /** The most client addresses (each costs a socket); datagrams from further ones are dropped. */
    public static final int MAX_CLIENTS = 1024;
    private static final int MAX_DATAGRAM = 65_536;
    private static final long JOIN_MILLIS = 5_000;
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;

    private final InetSocketAddress target;
    private final int bindPort;
    private final ImpairedLink toServer;
    private final ImpairedLink toClient;
    /** Guards the links, the client table, {@link #wakeAtNanos} and the counters. */
    private final Object lock = new Object();
    private final List<Client> clients = new ArrayList<>();
    private final Map<ClientKey, Client> clientsByAddress = new HashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private long wakeAtNanos = Long.MAX_VALUE;
    private long droppedLocally;

    private Selector selector;
    private Thread receiver;
    private Thread scheduler;
    private volatile boolean closed;
    private volatile Throwable failure;

    /** A port of the relay, and the server that its clients' datagrams go to. */
    private record Route(DatagramChannel front, InetSocketAddress target) {}

    /** A client address of a route and the relay's socket towards the server for it; {@code index} is its link tag. */
    private record Client(int index, Route route, SocketAddress address, DatagramChannel towardsServer) {}

    /** Clients are told apart by the route they came in on and their address. */
    private record ClientKey(Route route, SocketAddress address) {}

    /**
     * A relay on an ephemeral port; see {@link #UdpImpairmentRelay(int, InetSocketAddress, ImpairmentProfile,
     * ImpairmentProfile, long)}.
     */
    public UdpImpairmentRelay(InetSocketAddress target, ImpairmentProfile toServer, ImpairmentProfile toClient,
            long seed) {
        this(0, target, toServer, toClient, seed);
    }

    /**
     * A relay that will listen on {@code bindPort} (0 for any) of the target's loopback address.
     *
     * @param seed both links' randomness derives from it
     * @throws IllegalArgumentException if the target is not a loopback address
     */
    public UdpImpairmentRelay(int bindPort, InetSocketAddress target, ImpairmentProfile toServer,
            ImpairmentProfile toClient, long seed) {
        this.target = requireLoopback(target);
        this.bindPort = bindPort;
        SplittableRandom seeds = new SplittableRandom(seed);
        this.toServer = new ImpairedLink(toServer, seeds.nextLong());
        this.toClient = new ImpairedLink(toClient, seeds.nextLong());
    }

    /** Binds the port and starts forwarding. */
    public UdpImpairmentRelay start() throws IOException {
        if (selector != null) throw new IllegalStateException("the relay was started already");
        selector = Selector.open();
        try {
            openRoute(bindPort, target);
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
        int port = address().getPort();
        receiver = Thread.ofPlatform().daemon().name("rudp-relay-" + port + "-receive").unstarted(this::receiveLoop);
        scheduler = Thread.ofPlatform().daemon().name("rudp-relay-" + port + "-send").unstarted(this::sendLoop);
        receiver.start();
        scheduler.start();
        return this;
    }

    /**
     * Opens another port of the started relay, on {@code target}'s loopback address, whose clients'
     * datagrams go to {@code target} through the same two links (one queue, one rate), and the
     * replies back.
     *
     * @return where the new route's clients send
     * @throws IllegalArgumentException if the target is not a loopback address
     */
    public InetSocketAddress addRoute(InetSocketAddress target) throws IOException {
        if (selector == null) throw new IllegalStateException("the relay is not started");
        Route route = openRoute(0, requireLoopback(target));
        selector.wakeup(); // the receiver's select() takes the new port from its next round
        return localAddress(route.front());
    }

    private Route openRoute(int port, InetSocketAddress target) throws IOException {
        DatagramChannel front = withLargeBuffers(DatagramChannel.open());
        Route route = new Route(front, target);
        synchronized (lock) {
            routes.add(route); // closed with the relay even if what follows fails
        }
        front.bind(new InetSocketAddress(target.getAddress(), port));
        front.configureBlocking(false).register(selector, SelectionKey.OP_READ, route);
        return route;
    }

    private static InetSocketAddress requireLoopback(InetSocketAddress target) {
        Objects.requireNonNull(target, "target");
        if (target.getAddress() == null || !target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the relay forwards to loopback addresses only: " + target);
        }
        return target;
    }

    /** Where clients send to reach the target given to the constructor; valid once started. */
    public InetSocketAddress address() {
        DatagramChannel front;
        synchronized (lock) {
            if (routes.isEmpty()) throw new IllegalStateException("the relay is not started");
            front = routes.getFirst().front();
        }
        return localAddress(front);
    }

    private static InetSocketAddress localAddress(DatagramChannel front) {
        try {
            return (InetSocketAddress) front.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the relay is closed", e);
        }
    }

    /** Counters of the client-to-server direction. */
    public LinkStats toServerStats() {
        synchronized (lock) {
            return toServer.stats();
        }
    }

    /** Counters of the server-to-client direction. */
    public LinkStats toClientStats() {
        synchronized (lock) {
            return toClient.stats();
        }
    }

    /** Client addresses seen so far. */
    public int clientCount() {
        synchronized (lock) {
            return clients.size();
        }
    }

    /** Datagrams the relay itself could not pass on (not the links' impairments). */
    public long droppedLocally() {
        synchronized (lock) {
            return droppedLocally;
        }
    }

    /**
     * Stops both threads and closes every socket; copies still scheduled are discarded.
     *
     * @throws IOException if a relay thread had failed (the cause is attached)
     */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        if (selector != null) selector.wakeup();
        try {
            for (Thread t : new Thread[] {receiver, scheduler}) {
                if (t == null) continue;
                LockSupport.unpark(t);
                if (!t.join(Duration.ofMillis(JOIN_MILLIS))) {
                    throw new IOException("relay thread " + t.getName() + " did not stop within " + JOIN_MILLIS + " ms");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly();
        }
        if (failure != null) throw new IOException("the relay failed while running", failure);
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        try {
            while (!closed) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    switch (key.attachment()) {
                        case Client c -> receiveFromServer(c, buffer);
                        case Route r -> receiveFromClients(r, buffer);
                        default -> throw new IllegalStateException("unknown selection key " + key.attachment());
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (ClosedChannelException e) {
            // close() ran: the loop ends.
        } catch (IOException | RuntimeException e) {
            if (!closed) failure = e;
        }
    }

    private void receiveFromClients(Route route, ByteBuffer buffer) throws IOException {
        for (SocketAddress from; (from = route.front().receive(buffer.clear())) != null; ) {
            Client c = clientFor(route, from);
            if (c != null) offer(toServer, buffer.flip(), c);
        }
    }

    private void receiveFromServer(Client c, ByteBuffer buffer) {
        while (true) {
            try {
                // Connected to the target: only the server's datagrams arrive here.
                if (c.towardsServer().receive(buffer.clear()) == null) return;
            } catch (IOException e) {
                // An ICMP error (the server's port is closed) surfaces here; that datagram is gone.
                countDroppedLocally();
                return;
            }
            offer(toClient, buffer.flip(), c);
        }
    }

    private void offer(ImpairedLink link, ByteBuffer datagram, Client c) {
        synchronized (lock) {
            link.offer(System.nanoTime(), datagram, c.index());
            wakeSchedulerBy(link.nextDeliveryNanos());
        }
    }

    /**
     * The client at {@code address} of {@code route}, its socket towards the route's server opened
     * on first contact; null when there are {@link #MAX_CLIENTS} already or the socket cannot be opened.
     */
    private Client clientFor(Route route, SocketAddress address) throws IOException {
        ClientKey key = new ClientKey(route, address);
        synchronized (lock) {
            Client known = clientsByAddress.get(key);
            if (known != null) return known;
            if (clients.size() >= MAX_CLIENTS) {
                droppedLocally++;
                return null;
            }
        }
        DatagramChannel towardsServer = null;
        try {
            towardsServer = withLargeBuffers(DatagramChannel.open());
            towardsServer.bind(new InetSocketAddress(route.target().getAddress(), 0)).connect(route.target())
                .configureBlocking(false);
        } catch (IOException e) {
            // Out of sockets, say: this client's datagrams are dropped until one can be opened.
            if (towardsServer != null) towardsServer.close();
            countDroppedLocally();
            return null;
        }
        synchronized (lock) {
            Client c = new Client(clients.size(), route, address, towardsServer);
            clients.add(c);
            clientsByAddress.put(key, c);
            towardsServer.register(selector, SelectionKey.OP_READ, c);
            return c;
        }
    }

    /**
     * Asks for {@link #SOCKET_BUFFER_BYTES} of socket buffer (the kernel may grant less): a
     * sender's burst must reach the model, which does the queueing, not overflow the socket.
     */
    private static DatagramChannel withLargeBuffers(DatagramChannel channel) throws IOException {
        return channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES)
            .setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
    }

    /** Wakes the scheduler if a copy is now due before it meant to wake. Called with the lock held. */
    private void wakeSchedulerBy(long dueNanos) {
        if (dueNanos < wakeAtNanos) {
            wakeAtNanos = dueNanos;
            LockSupport.unpark(scheduler);
        }
    }

    private void sendLoop() {
        try {
            scheduleUntilClosed();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void scheduleUntilClosed() {
        while (!closed) {
            long next;
            synchronized (lock) {
                long now = System.nanoTime();
                toServer.poll(now, this::sendToServer);
                toClient.poll(now, this::sendToClient);
                next = Math.min(toServer.nextDeliveryNanos(), toClient.nextDeliveryNanos());
                wakeAtNanos = next;
            }
            // A receiver that schedules an earlier copy after this point unparks us; the permit
            // makes the park below return at once.
            if (next == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                long wait = next - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(this, wait);
            }
        }
    }

    /** Called with the lock held. */
    private void sendToServer(ByteBuffer datagram, long tag) {
        try {
            if (clients.get((int) tag).towardsServer().write(datagram) == 0) droppedLocally++;
        } catch (IOException e) {
            droppedLocally++;
        }
    }

    /** Called with the lock held. */
    private void sendToClient(ByteBuffer datagram, long tag) {
        try {
            Client c = clients.get((int) tag);
            if (c.route().front().send(datagram, c.address()) == 0) droppedLocally++;
        } catch (IOException e) {
            droppedLocally++;
        }
    }

    private void countDroppedLocally() {
        synchronized (lock) {
            droppedLocally++;
        }
    }

    private void closeQuietly() {
        List<Closeable> all = new ArrayList<>();
        synchronized (lock) {
            for (Client c : clients) all.add(c.towardsServer());
            for (Route r : routes) all.add(r.front());
        }
        all.add(selector);
        for (Closeable c : all) {
            try {
                if (c != null) c.close();
            } catch (IOException ignored) {
                // Closing is best effort: the relay is going away.
            }
        }
    }

    @Override
    public String toString() {
        return "UdpImpairmentRelay[to " + target + ", to server: " + toServer.profile() + ", to client: "
            + toClient.profile() + "]";
    }
}
