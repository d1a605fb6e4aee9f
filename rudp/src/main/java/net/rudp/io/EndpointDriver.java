package net.rudp.io;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import net.rudp.core.Connection;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionStats;
import net.rudp.EndpointStats;
import net.rudp.capture.CaptureFile;
import net.rudp.core.ConnectionEvents;
import net.rudp.core.CookieMode;
import net.rudp.core.Endpoint;
import net.rudp.io.batch.BatchedUdpSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sans-I/O {@link Endpoint} on one UDP socket and hands its connections' events to the
 * application threads that wait for them; it is built from its socket ({@link DatagramPort} over a
 * {@link BatchedUdpSocket}), its loop thread ({@link EventLoop}) and its lock ({@link EndpointLock}).
 *
 * <p><b>One wake-up.</b> The loop receives batches of datagrams into the endpoint, runs its
 * timers, encodes what it flushes straight into the socket's send batch and sends that batch
 * (one {@code sendmmsg}, with GSO runs, on the fast path), then passes each connection's events
 * to its {@link BlockingConnection} (found through {@link Connection#attachment()}), so a
 * blocked reader is woken once per batch; all in one critical section. Then it sleeps until the
 * endpoint's next deadline.
 *
 * <p><b>The lock.</b> One lock guards the endpoint and all its connections, as the core requires.
 * Application threads take it briefly to copy bytes into or out of a connection's buffers and
 * wait on its conditions.
 *
 * <p><b>Who sends.</b> After a call that may have produced output (write, a read that reopens
 * the window, close), an application thread that finds the loop asleep flushes and sends
 * itself, then wakes the loop only if its deadline moved closer ({@link #requestService}): a
 * request or an answer leaves without a hop to the loop thread, which would cost a thread
 * wake-up on the round trip's path. When the loop is awake, as it mostly is in a bulk
 * transfer, the thread only asks it to flush, which it does before it sleeps, so the writer
 * rarely delays the acknowledgements the loop processes by holding the lock across a system
 * call.
 *
 * <p><b>Three kinds.</b> A <i>server</i> endpoint listens on the address it was bound to. A
 * <i>shared client</i> endpoint (see {@link SharedEndpoints}) carries many outgoing connections
 * on one unconnected socket, which hears ICMP port unreachable for any peer through its error
 * queue on the fast path ({@link BatchedUdpSocket#pollDeliveryError()}); on the plain path an
 * unconnected channel never hears ICMP, and its {@link RefusalProbes} learn that nothing is
 * bound at a peer's port. A <i>dedicated client</i> endpoint, for a connection bound explicitly,
 * has a socket connected to its peer, which hears the peer's ICMP port unreachable on either
 * path. Either way a call where nobody listens is refused at once, as TCP's connect is. A
 * server endpoint may be one of a {@link ListenerGroup}'s loops, which share a port and an
 * {@link Acceptor} and retire together.
 *
 * <p><b>Lifetime.</b> The endpoint stays while it listens or any of its connections lives,
 * including connections the application closed that are still delivering data, exchanging FINs
 * or in TIME_WAIT; then the loop closes the channel (releasing the port) and ends, a shared
 * client endpoint after {@link #SHARED_IDLE_GRACE_NANOS} without connections.
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
    /** The system property that sets a listener's {@link CookieMode}. */
    static final String COOKIE_PROPERTY = "rudp.callCookies";
    /**
     * How long a shared client endpoint stays without connections before it retires: long
     * enough that a client making one connection after another keeps its port and thread, short
     * enough that an idle JVM holds none.
     */
    static final long SHARED_IDLE_GRACE_NANOS = 1_000_000_000L;

    final EndpointLock lock = new EndpointLock();
    private final EndpointRegistry registry;
    private final Endpoint endpoint;
    private final DatagramPort port;
    private final EventLoop loop;
    /** The peer of a dedicated client endpoint (its socket is connected), or null. */
    private final InetSocketAddress peer;
    /** The address a listening endpoint is registered under, or null. */
    private final InetSocketAddress serverKey;
    /** The pool of a shared client endpoint, or null. */
    private final SharedEndpoints pool;
    /** The listener group this endpoint is a loop of, or null. */
    private final ListenerGroup group;
    /** How long the endpoint stays once it has no listener and no connection. */
    private final long idleGraceNanos;
    private final RefusalProbes probes = new RefusalProbes();
    private final OperatorLog log;
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
    /** Since when the endpoint has had no listener and no connection, or -1. */
    private long idleSince = -1;
    /** How many handles are open: written under the lock, read by {@link SharedEndpoints#pick} without it. */
    private volatile int load;
    /** Whether a group member last told its group it had nothing to serve. */
    private boolean reportedIdle;

    private EndpointDriver(BatchedUdpSocket socket, InetSocketAddress peer, InetAddress listenAddress,
                           ConnectionConfig config, SharedEndpoints pool, CaptureFile capture, ListenerGroup group)
        throws IOException {
        this.registry = EndpointRegistry.JVM;
        this.port = new DatagramPort(socket, capture == null ? DatagramTap.NONE : CaptureTap.open(capture, socket.localAddress()));
        this.peer = peer;
        this.pool = pool;
        this.group = group;
        this.idleGraceNanos = pool == null ? 0 : SHARED_IDLE_GRACE_NANOS;
        InetSocketAddress local = port.localAddress();
        this.serverKey = listenAddress == null ? null : new InetSocketAddress(listenAddress, local.getPort());
        this.endpoint = new Endpoint(local, config, RANDOM, group == null ? 1 : group.loops());
        this.log = new OperatorLog(local);
        JfrConnections.startSampling();
        String name = "rudp-endpoint-" + local.getPort() + (group == null ? "" : "-" + group.nextLoopNumber());
        this.loop = new EventLoop(name, lock, socket, new EventLoop.Work() {
            @Override
            public long wakeUp() {
                return EndpointDriver.this.wakeUp();
            }

            @Override
            public void failed(Throwable failure) {
                EndpointDriver.this.failed(failure);
            }
        });
    }

    /** A driver on {@code socket}, registered and ready for its loop to start; closes the socket if that fails. */
    private static EndpointDriver create(BatchedUdpSocket socket, InetSocketAddress peer, InetAddress listenAddress,
                                         ConnectionConfig config, SharedEndpoints pool, CaptureFile capture,
                                         ListenerGroup group) throws IOException {
        EndpointDriver driver;
        try {
            driver = new EndpointDriver(socket, peer, listenAddress, config, pool, capture, group);
        } catch (IOException | RuntimeException e) {
            EndpointSockets.closeQuietly(socket, e);
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
        return listen(local, backlog, config, null);
    }

    /**
     * As {@link #listen(InetSocketAddress, int, ConnectionConfig)}, with every datagram of the
     * endpoint written to {@code capture} (null: none), on as many loops as
     * {@link ListenerGroup#LOOPS_PROPERTY} asks. An endpoint this JVM still runs on {@code local}
     * for a closed listener keeps the capture it had.
     */
    public static Acceptor listen(InetSocketAddress local, int backlog, ConnectionConfig config, CaptureFile capture)
        throws IOException {
        return listen(local, backlog, config, capture, 0);
    }

    /**
     * As {@link #listen(InetSocketAddress, int, ConnectionConfig, CaptureFile)}, served by
     * {@code loops} endpoints (0: as {@link ListenerGroup#LOOPS_PROPERTY} says), each with its
     * socket and loop thread, where the system can spread one port over sockets (see
     * {@link ListenerGroup}); else, and with a capture, by one. A
     * closed listener's endpoints this JVM still runs on {@code local} listen again with the
     * loops they have.
     */
    public static Acceptor listen(InetSocketAddress local, int backlog, ConnectionConfig config, CaptureFile capture,
                                  int loops) throws IOException {
        if (local.getPort() != 0) {
            EndpointDriver lingering = EndpointRegistry.JVM.serverAt(local);
            if (lingering != null) {
                Acceptor again = lingering.listenAgain(backlog, config);
                if (again != null) return again;
            }
        }
        int granted = ListenerGroup.grantedLoops(loops == 0 ? ListenerGroup.requestedLoops() : loops, capture);
        if (granted > 1) return ListenerGroup.listen(local, backlog, config, granted);
        EndpointDriver driver = create(EndpointSockets.bound(local), null, local.getAddress(), config, null, capture, null);
        return driver.lock.call(() -> {
            // Started first: should listen() throw, the loop finds nothing to serve and retires.
            driver.loop.start();
            return driver.startListening(backlog, new Acceptor(List.of(driver)));
        });
    }

    /**
     * Opens a connection to {@code remote}; the call request is on its way when this returns.
     * Wait for the handshake with {@link BlockingConnection#awaitConnected}.
     *
     * @param local null: the connection goes to one of this JVM's shared client endpoints (see
     *              {@link SharedEndpoints}); else it gets an endpoint of its own, bound to
     *              {@code local} (port 0: any free port) and connected to {@code remote}
     */
    public static BlockingConnection connect(InetSocketAddress local, InetSocketAddress remote, ConnectionConfig config)
        throws IOException {
        return connect(local, remote, config, null);
    }

    /**
     * As {@link #connect(InetSocketAddress, InetSocketAddress, ConnectionConfig)}, with every
     * datagram of the connection's endpoint written to {@code capture} (null: none). A capture
     * needs an endpoint of its own: with one, a null {@code local} means any free port.
     */
    public static BlockingConnection connect(InetSocketAddress local, InetSocketAddress remote, ConnectionConfig config,
                                             CaptureFile capture) throws IOException {
        if (local == null && capture == null) return SharedEndpoints.JVM.connect(remote, config);
        InetSocketAddress bind = local != null ? local : new InetSocketAddress(0);
        EndpointDriver driver = create(EndpointSockets.connected(bind, remote), remote, null, config, null, capture, null);
        return driver.lock.call(() -> {
            driver.loop.start();
            return driver.register(driver.endpoint.connect(remote, EventLoop.now()), driver.localAddress());
        });
    }

    /** A running shared client endpoint on any free port of the wildcard address, for {@code pool}. */
    static EndpointDriver startShared(ConnectionConfig config, SharedEndpoints pool) throws IOException {
        EndpointDriver driver = create(EndpointSockets.bound(new InetSocketAddress(0)), null, null, config, pool, null, null);
        driver.loop.start();
        return driver;
    }

    /** A running loop of {@code group} on {@code socket}, not listening yet; closes the socket if that fails. */
    static EndpointDriver startMember(BatchedUdpSocket socket, ConnectionConfig config, ListenerGroup group) throws IOException {
        EndpointDriver driver = create(socket, null, null, config, null, null, group);
        driver.loop.start();
        return driver;
    }

    /** The clock every endpoint's connections run on, in nanoseconds: what a tracer's {@code nowNanos} counts. */
    public static long clockNanos() {
        return EventLoop.now();
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

    /** Whether the loop sleeps, so that a write now is sent by the writing thread (for tests; under the lock). */
    boolean isLoopAsleep() {
        return loop.isAsleep();
    }

    /** The endpoint's socket, for tests that look at its offloads and counters (under the lock) or change its options. */
    BatchedUdpSocket socket() {
        return port.socket();
    }

    /** The endpoint's counts of its datagrams, with the sends and receives its socket failed. */
    public EndpointStats endpointStats() {
        return lock.call(() -> endpoint.counters().snapshot(port.errorCounts().values().stream().mapToLong(Long::longValue).sum()));
    }

    @Override
    public String toString() {
        return "EndpointDriver[" + localAddress() + (peer == null ? "" : " -> " + peer) + "]";
    }

    // ---------------------------------------------------------------- for Acceptor and BlockingConnection (under lock)

    /**
     * The next established connection for {@code a}, or null.
     *
     * @throws SocketException the loop's failure, or "Socket closed" once {@code a} no longer listens here
     */
    BlockingConnection pollAccepted(Acceptor a) throws SocketException {
        SocketException failure = failureException();
        if (failure != null) throw failure;
        if (acceptor != a) throw new SocketException("Socket closed");
        Connection c = endpoint.accept();
        return c == null ? null : register(c, localAddress());
    }

    void stopListening(Acceptor a) {
        if (acceptor != a) return;
        acceptor = null;
        endpoint.stopListening();
        requestService();
    }

    /**
     * Called after an application call into a connection: what it made due must be sent and the
     * loop must re-read the deadline. If the loop sleeps, the caller sends it now (see "Who sends"
     * above) and wakes the loop only if it must wake sooner, or may retire; else the loop, awake,
     * flushes before it sleeps.
     */
    void requestService() {
        if (closed) return;
        if (!loop.serveWhileAsleep()) {
            loop.requestWakeUp();
            return;
        }
        long wakeBy = 0; // at once, should the output fail
        try {
            sendAndDispatch(EventLoop.now());
            wakeBy = mayRetire() ? 0 : endpoint.nextDeadline();
        } finally {
            loop.served(wakeBy);
        }
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

    /**
     * Opens a connection to {@code remote} on this shared endpoint, with a refusal probe for its
     * call (see {@link RefusalProbes}).
     *
     * @return the connection, or null if this endpoint has retired
     */
    BlockingConnection connectShared(InetSocketAddress remote) throws IOException {
        return lock.call(() -> {
            if (closed) return null;
            InetSocketAddress local = probes.callStarted(remote, port.socket());
            Connection c = endpoint.connect(remote, EventLoop.now());
            BlockingConnection handle = register(c, new InetSocketAddress(local.getAddress(), localAddress().getPort()));
            handle.callProbed = true;
            requestService();
            return handle;
        });
    }

    /** How many connections this endpoint carries for their applications (a shared endpoint's load). */
    int load() {
        return load;
    }

    /** Whether a connection the application closed still has data or a FIN to deliver (for the exit linger). */
    boolean isDeliveringClosedConnections() {
        return lock.call(() -> !closed && open.stream().anyMatch(BlockingConnection::isClosingWithOutputPending));
    }

    // ---------------------------------------------------------------- private (under lock)

    /** A new listener on this lingering endpoint (or its group), or null if it has retired and the port may be bound anew. */
    private Acceptor listenAgain(int backlog, ConnectionConfig config) throws IOException {
        if (group != null) return group.listenAgain(backlog, config);
        return lock.call(() -> {
            if (closed) return null;
            requireMayListenAgain(config);
            return startListening(backlog, new Acceptor(List.of(this)));
        });
    }

    /**
     * Throws unless a new listener with {@code config} may take over this endpoint, which serves
     * a closed listener's connections; under the lock.
     */
    void requireMayListenAgain(ConnectionConfig config) throws BindException {
        if (failure != null) {
            throw new BindException("Address already in use: a loop of the rudp listener on " + localAddress()
                + " failed; the port is free once the others' connections end");
        }
        if (acceptor != null) {
            throw new BindException("Address already in use: a rudp listener is open on " + localAddress());
        }
        if (!endpoint.config().equals(config)) {
            throw new BindException("Address already in use: " + localAddress() + " still serves a closed rudp"
                + " listener's connections with a different configuration");
        }
    }

    /** Listens with {@code backlog} for {@code a}; under the lock. */
    Acceptor startListening(int backlog, Acceptor a) {
        endpoint.listen(backlog, cookieMode());
        acceptor = a;
        return a;
    }

    /** Ends the loop's sleep, without the lock: a group's loops look whether the group retires. */
    void wakeLoop() {
        port.socket().wakeup();
    }

    /**
     * The listener's cookie mode (spec 8.3): {@code -Drudp.callCookies=off|on_overflow|always},
     * default on_overflow.
     *
     * @throws IllegalArgumentException naming the property and the values it takes
     */
    static CookieMode cookieMode() {
        String v = System.getProperty(COOKIE_PROPERTY, CookieMode.ON_OVERFLOW.name()).trim();
        try {
            return CookieMode.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(COOKIE_PROPERTY + " must be off, on_overflow or always, not \"" + v + "\"", e);
        }
    }

    /** @param localAddress the connection's local address as its peer sees it */
    private BlockingConnection register(Connection c, InetSocketAddress localAddress) {
        BlockingConnection handle = new BlockingConnection(this, c, localAddress, endpoint.config().sendBufferSize());
        c.attach(handle);
        open.add(handle);
        load = open.size();
        return handle;
    }

    /** The loop's one critical section per wake-up; returns the next deadline or {@link EventLoop#RETIRE}. */
    private long wakeUp() {
        port.receiveBatch(endpoint);
        long now = EventLoop.now();
        endpoint.timeout(now);
        sendAndDispatch(now);
        log.wokeUp(endpoint.counters(), now);
        port.flushTap();
        if (!mayRetire()) {
            idleSince = -1;
            return endpoint.nextDeadline();
        }
        if (idleSince < 0) idleSince = now;
        if (now - idleSince < idleGraceNanos) return idleSince + idleGraceNanos;
        retire();
        return EventLoop.RETIRE;
    }

    /**
     * Whether the endpoint has nothing left to serve: no listener, no connection; for a loop of a
     * group, whether the group retires, which all its loops do together (see {@link ListenerGroup}).
     */
    private boolean mayRetire() {
        boolean idle = acceptor == null && endpoint.connectionCount() == 0;
        if (group == null) return idle;
        if (!idle && !reportedIdle) return false; // busy, as the group knows: no need to ask
        reportedIdle = idle;
        return group.mayRetire(this, idle);
    }

    /**
     * The output half of a wake-up, on whichever thread holds the lock: refuses unreachable
     * calls, sends what is due as one batch, and hands out the connections' events.
     */
    private void sendAndDispatch(long now) {
        refuseUnreachableCalls();
        send(now);
        // A send can report an ICMP error an earlier datagram drew: refuse at once, not at the next wake-up.
        if (refuseUnreachableCalls()) send(now);
        endpoint.drainEvents(dispatcher);
    }

    private void send(long now) {
        endpoint.flush(now, port);
        port.sendBatch();
    }

    /**
     * ICMP port unreachable, from the socket (its connected peer, or any peer through the fast
     * path's error queue) or a refusal probe. As Linux TCP does (RFC 1122 4.2.3.9 lets a
     * connection treat it as a soft error), it fails a connection only while its call is in
     * progress; an established connection ignores it and relies on its own timers.
     *
     * @return whether there was any
     */
    private boolean refuseUnreachableCalls() {
        boolean fromSocket = port.refuseUnreachable(endpoint);
        return probes.refuseUnreachable(endpoint) || fromSocket;
    }

    private void dispatch(Connection c, int events) {
        observe(c, events);
        if (c.attachment() instanceof BlockingConnection handle) {
            if (handle.callProbed && (events & (ConnectionEvents.CONNECTED | ConnectionEvents.CLOSED)) != 0) {
                handle.callProbed = false;
                probes.callEnded(c.remoteAddress());
            }
            handle.onEvents(events);
            // After CLOSED (also raised on entering TIME_WAIT) nothing changes that a thread waits for.
            if ((events & ConnectionEvents.CLOSED) != 0) {
                c.attach(null);
                open.remove(handle);
                load = open.size();
            }
        } else if ((events & ConnectionEvents.CONNECTED) != 0 && acceptor != null) {
            acceptor.wakeWaiters();
        }
    }

    /** Tells the operator (log, JFR) of a connection's established, ended and tracer-failed events. */
    private void observe(Connection c, int events) {
        if ((events & (ConnectionEvents.CONNECTED | ConnectionEvents.CLOSED | ConnectionEvents.TRACER_FAILED)) == 0) return;
        BlockingConnection handle = c.attachment() instanceof BlockingConnection h ? h : null;
        InetSocketAddress local = handle != null ? handle.localAddress() : localAddress();
        if ((events & ConnectionEvents.CONNECTED) != 0) {
            log.established(c, local);
            JfrConnections.established(c, local);
        }
        if ((events & ConnectionEvents.TRACER_FAILED) != 0) {
            log.tracerFailed(c, local);
            if (handle != null) handle.onTracerFailed();
        }
        if ((events & ConnectionEvents.CLOSED) != 0) {
            log.ended(c, local);
            JfrConnections.ended(c, local);
            if (handle != null) handle.onEnded();
        }
    }

    /** Runs {@code action} with each connection the application holds and its stats, under the lock. */
    void forEachOpenConnection(BiConsumer<BlockingConnection, ConnectionStats> action) {
        lock.run(() -> {
            for (BlockingConnection handle : open) action.accept(handle, handle.stats());
        });
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
            port.close();
            probes.closeAll();
        } catch (IOException e) {
            LOG.warn("rudp endpoint {}: closing the socket failed", localAddress(), e);
        }
        // After the port is free: a listen() that no longer finds this endpoint can bind it.
        registry.retired(this, serverKey);
        if (pool != null) pool.retired(this, endpoint.config());
        if (group != null) group.retired(this);
        for (BlockingConnection handle : open) handle.onEvents(ConnectionEvents.CLOSED);
        open.clear();
        if (acceptor != null) acceptor.wakeWaiters(); // after a loop failure: blocked accepts see it
    }
}
