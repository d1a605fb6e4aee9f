package net.rudp.io;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.rudp.core.Connection;
import net.rudp.core.ConnectionConfig;
import net.rudp.core.ConnectionEvents;
import net.rudp.core.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sans-I/O {@link Endpoint} on one UDP socket and hands its connections' events to the
 * application threads that wait for them; it is built from its channel ({@link DatagramPort}), its
 * loop thread ({@link EventLoop}) and its lock ({@link EndpointLock}).
 *
 * <p><b>One wake-up.</b> The loop receives a batch of datagrams into the endpoint, runs its
 * timers, sends what it flushes and passes each connection's events to its
 * {@link BlockingConnection} (found through {@link Connection#attachment()}), all in one critical
 * section; then it sleeps until the endpoint's next deadline.
 *
 * <p><b>The lock.</b> One lock guards the endpoint and all its connections, as the core requires.
 * Application threads take it briefly to copy bytes into or out of a connection's buffers and
 * wait on its conditions.
 *
 * <p><b>Only the loop thread touches the socket.</b> Application threads never flush; after a
 * call that may have produced output (write, a read that reopens the window, close) they wake the
 * loop, which flushes at once. Flushing from the application thread saves that hop (measured on
 * loopback: 1-byte ping-pong median 65 instead of 89 us) but gains no parallelism, since sends
 * happen under the endpoint lock and the JDK serializes writes on a channel anyway, and it cost
 * 10-30% of bulk throughput: the writer then holds the lock across system calls and delays the
 * acknowledgements the loop processes. Here application threads hold the lock only to copy bytes.
 *
 * <p><b>Lifetime.</b> The endpoint stays while it listens or any of its connections lives,
 * including connections the application closed that are still delivering data, exchanging FINs
 * or in TIME_WAIT; then the loop closes the channel (releasing the port) and ends. A client
 * endpoint's channel is connected to its peer, so an ICMP port-unreachable surfaces as
 * {@link java.net.PortUnreachableException} and refuses the call at once, as TCP's connect fails.
 *
 * <p><b>Sharing a port.</b> As TCP's {@code SO_REUSEADDR} lets a server bind a port that
 * connections of its predecessor still use, {@link #listen} on an address whose endpoint in this
 * JVM no longer listens but still serves old connections makes that endpoint listen again (one
 * UDP port is one endpoint, so the old and the new connections share it).
 */
public final class EndpointDriver {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointDriver.class);
    /** Connection ids and ISNs are visible on the wire: their source must not be predictable from them. */
    private static final SecureRandom RANDOM = new SecureRandom();

    final EndpointLock lock = new EndpointLock();
    private final EndpointRegistry registry;
    private final Endpoint endpoint;
    private final DatagramPort port;
    private final EventLoop loop;
    /** The peer of a client endpoint (its channel is connected), or null for a server endpoint. */
    private final InetSocketAddress peer;
    /** The address a listening endpoint is registered under, or null. */
    private final InetSocketAddress serverKey;
    private final Endpoint.EventHandler dispatcher = this::dispatch;
    /**
     * Every handle not yet told CLOSED, so that a loop failure and the exit linger reach them all;
     * an event finds its handle through the connection's attachment instead.
     */
    private final Set<BlockingConnection> open = new HashSet<>();

    // All guarded by lock.
    private Acceptor acceptor;
    private boolean closed;
    private Throwable failure;

    private EndpointDriver(DatagramChannel channel, InetSocketAddress peer, InetAddress listenAddress,
                           ConnectionConfig config) throws IOException {
        this.registry = EndpointRegistry.JVM;
        this.port = new DatagramPort(channel, peer);
        this.peer = peer;
        InetSocketAddress local = port.localAddress();
        this.serverKey = listenAddress == null ? null : new InetSocketAddress(listenAddress, local.getPort());
        this.endpoint = new Endpoint(local, config, RANDOM);
        this.loop = new EventLoop("rudp-endpoint-" + local.getPort(), lock, new EventLoop.Work() {
            @Override
            public long wakeUp() {
                return EndpointDriver.this.wakeUp();
            }

            @Override
            public void failed(Throwable failure) {
                EndpointDriver.this.failed(failure);
            }
        });
        loop.watch(channel);
    }

    /** A driver on {@code channel}, registered and ready for its loop to start; closes the channel if that fails. */
    private static EndpointDriver create(DatagramChannel channel, InetSocketAddress peer, InetAddress listenAddress,
                                         ConnectionConfig config) throws IOException {
        EndpointDriver driver;
        try {
            driver = new EndpointDriver(channel, peer, listenAddress, config);
        } catch (IOException | RuntimeException e) {
            UdpChannels.closeQuietly(channel, e);
            throw e;
        }
        driver.registry.started(driver, driver.serverKey);
        return driver;
    }

    /**
     * Listens for calls on {@code local} (port 0: any free port) with its own endpoint, or on the
     * endpoint this JVM still runs there for a closed listener's connections.
     *
     * @throws BindException if another socket holds the address
     */
    public static Acceptor listen(InetSocketAddress local, int backlog, ConnectionConfig config) throws IOException {
        if (local.getPort() != 0) {
            EndpointDriver lingering = EndpointRegistry.JVM.serverAt(local);
            if (lingering != null) {
                Acceptor again = lingering.listenAgain(backlog, config);
                if (again != null) return again;
            }
        }
        EndpointDriver driver = create(UdpChannels.bound(local), null, local.getAddress(), config);
        return driver.lock.call(() -> {
            // Started first: should listen() throw, the loop finds nothing to serve and retires.
            driver.loop.start();
            return driver.startListening(backlog);
        });
    }

    /**
     * Opens a connection to {@code remote} from its own endpoint, bound to {@code local} (null:
     * any free port) and connected to {@code remote}; the call request is on its way when this
     * returns. Wait for the handshake with {@link BlockingConnection#awaitConnected}.
     */
    public static BlockingConnection connect(InetSocketAddress local, InetSocketAddress remote, ConnectionConfig config)
        throws IOException {
        DatagramChannel channel = UdpChannels.connected(local == null ? new InetSocketAddress(0) : local, remote);
        EndpointDriver driver = create(channel, remote, null, config);
        return driver.lock.call(() -> {
            driver.loop.start();
            return driver.register(driver.endpoint.connect(remote, EventLoop.now()));
        });
    }

    /** The address the channel is bound to. */
    public InetSocketAddress localAddress() {
        return port.localAddress();
    }

    /** Whether the loop still runs (false once the port is released). */
    public boolean isOpen() {
        return lock.call(() -> !closed);
    }

    /**
     * How many datagrams could not be sent or received, by kind (a full send buffer, an
     * unreachable peer, ...); each is a lost datagram the connection recovers from.
     */
    public Map<DatagramErrors.Kind, Long> datagramErrors() {
        return lock.call(port::errorCounts);
    }

    @Override
    public String toString() {
        return "EndpointDriver[" + localAddress() + (peer == null ? "" : " -> " + peer) + "]";
    }

    // ---------------------------------------------------------------- for Acceptor and BlockingConnection (under lock)

    /** The next established connection, or null. */
    BlockingConnection pollAccepted() {
        Connection c = endpoint.accept();
        return c == null ? null : register(c);
    }

    void stopListening(Acceptor a) {
        if (acceptor != a) return;
        acceptor = null;
        endpoint.stopListening();
        requestService();
    }

    /**
     * Called after an application call into a connection: the loop must flush and re-read the
     * deadline.
     */
    void requestService() {
        if (!closed) loop.requestWakeUp();
    }

    /** Whether the endpoint has output to send. */
    boolean hasPendingOutput() {
        return endpoint.hasPendingOutput();
    }

    /** Whether the loop stopped unexpectedly. */
    boolean failed() {
        return failure != null;
    }

    /** What an operation on this endpoint gets once its loop failed, or null. */
    SocketException failureException() {
        if (failure == null) return null;
        SocketException e = new SocketException("rudp endpoint " + localAddress() + " failed: " + failure);
        e.initCause(failure);
        return e;
    }

    /** Whether a connection the application closed still has data or a FIN to deliver (for the exit linger). */
    boolean isDeliveringClosedConnections() {
        return lock.call(() -> !closed && open.stream().anyMatch(BlockingConnection::isClosingWithOutputPending));
    }

    // ---------------------------------------------------------------- private (under lock)

    private Acceptor listenAgain(int backlog, ConnectionConfig config) throws BindException {
        return lock.call(() -> {
            if (closed) return null;
            if (acceptor != null) {
                throw new BindException("Address already in use: a rudp listener is open on " + localAddress());
            }
            if (!endpoint.config().equals(config)) {
                throw new BindException("Address already in use: " + localAddress() + " still serves a closed rudp"
                    + " listener's connections with a different configuration");
            }
            return startListening(backlog);
        });
    }

    private Acceptor startListening(int backlog) {
        endpoint.listen(backlog);
        acceptor = new Acceptor(this, lock.newCondition());
        return acceptor;
    }

    private BlockingConnection register(Connection c) {
        BlockingConnection handle = new BlockingConnection(this, c, endpoint.config().sendBufferSize());
        c.attach(handle);
        open.add(handle);
        return handle;
    }

    /** The loop's one critical section per wake-up; returns the next deadline or {@link EventLoop#RETIRE}. */
    private long wakeUp() {
        port.receiveBatch(endpoint);
        long now = EventLoop.now();
        endpoint.timeout(now);
        endpoint.flush(now, port);
        if (port.takePortUnreachable()) {
            // As Linux TCP does (RFC 1122 4.2.3.9 lets a connection treat ICMP port unreachable
            // as a soft error), it fails a connection only while its call is in progress; an
            // established connection ignores it and relies on its own timers.
            endpoint.portUnreachable(peer);
            endpoint.flush(now, port);
        }
        endpoint.drainEvents(dispatcher);
        if (acceptor == null && endpoint.connectionCount() == 0) {
            retire();
            return EventLoop.RETIRE;
        }
        return endpoint.nextDeadline();
    }

    private void dispatch(Connection c, int events) {
        if (c.attachment() instanceof BlockingConnection handle) {
            handle.onEvents(events);
            // After CLOSED (also raised on entering TIME_WAIT) nothing changes that a thread waits for.
            if ((events & ConnectionEvents.CLOSED) != 0) {
                c.attach(null);
                open.remove(handle);
            }
        } else if ((events & ConnectionEvents.CONNECTED) != 0 && acceptor != null) {
            acceptor.wakeWaiters();
        }
    }

    private void failed(Throwable t) {
        LOG.error("rudp endpoint {} failed; its connections are aborted", localAddress(), t);
        failure = t;
        for (BlockingConnection handle : new ArrayList<>(open)) handle.abortLocked();
        retire();
    }

    /** Releases the port and ends the loop; under the lock, so a new bind after it succeeds. */
    private void retire() {
        closed = true;
        try {
            // Selector first: a registered channel's socket closes only once its key is gone.
            loop.close();
            port.close();
        } catch (IOException e) {
            LOG.warn("rudp endpoint {}: closing the channel failed", localAddress(), e);
        }
        // After the port is free: a listen() that no longer finds this endpoint can bind it.
        registry.retired(this, serverKey);
        for (BlockingConnection handle : open) handle.onEvents(ConnectionEvents.CLOSED);
        open.clear();
        if (acceptor != null) acceptor.wakeWaiters(); // after a loop failure: blocked accepts see it
    }
}
