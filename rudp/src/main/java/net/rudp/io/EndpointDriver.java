package net.rudp.io;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import net.rudp.core.Connection;
import net.rudp.core.ConnectionConfig;
import net.rudp.core.ConnectionEvents;
import net.rudp.core.DatagramSink;
import net.rudp.core.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sans-I/O {@link Endpoint} on one UDP socket: the endpoint's {@link DatagramChannel},
 * its one event-loop thread and its one lock.
 *
 * <p><b>The loop.</b> A platform daemon thread named {@code rudp-endpoint-<port>} waits in a
 * {@link Selector} until the endpoint's next deadline, a datagram, or a wake-up from an
 * application thread. Then it receives a batch of datagrams into one reused direct buffer and
 * hands each to {@link Endpoint#receive}, runs {@link Endpoint#timeout}, sends what
 * {@link Endpoint#flush} produces and passes the connections' events to the threads that wait for
 * them (see {@link BlockingConnection}). Time is {@link System#nanoTime()}.
 *
 * <p><b>The lock.</b> One {@link ReentrantLock} guards the endpoint and all its connections, as
 * the core requires. Application threads take it briefly to copy bytes into or out of a
 * connection's buffers and wait on {@link java.util.concurrent.locks.Condition}s, which suits
 * virtual threads.
 *
 * <p><b>Only the loop thread touches the socket.</b> Application threads never flush; after a
 * call that may have produced output (write, a read that reopens the window, close) they wake the
 * loop ({@link Selector#wakeup()}), which flushes at once. Flushing from the application thread
 * saves that hop (measured on loopback: 1-byte ping-pong median 65 instead of 89 us) but gains no
 * parallelism, since sends happen under the endpoint lock and the JDK serializes writes on a
 * channel anyway, and it cost 10-30% of bulk throughput: the writer then holds the lock across
 * system calls and delays the acknowledgements the loop processes. Here application threads hold
 * the lock only to copy bytes.
 *
 * <p><b>A full socket send buffer</b> drops the datagram (counted in {@link #sendsDropped()}).
 * The connection believes it sent it and recovers as from any loss; the send buffer is sized so
 * this is rare (on loopback, overflow happens at the receiver's buffer instead).
 *
 * <p><b>Lifetime.</b> The endpoint stays while it listens or any of its connections lives,
 * including connections the application closed that are still delivering data, exchanging FINs
 * or in TIME_WAIT; then the loop closes the channel (releasing the port) and ends. A client
 * endpoint's channel is connected to its peer, so an ICMP port-unreachable surfaces as
 * {@link PortUnreachableException} and refuses the call at once, as TCP's connect fails.
 *
 * <p><b>Sharing a port.</b> As TCP's {@code SO_REUSEADDR} lets a server bind a port that
 * connections of its predecessor still use, {@link #listen} on an address whose endpoint in this
 * JVM no longer listens but still serves old connections makes that endpoint listen again (one
 * UDP port is one endpoint, so the old and the new connections share it).
 */
public final class EndpointDriver {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointDriver.class);
    /** The core treats time as non-negative (it uses -1 and Long.MIN_VALUE as "never"). */
    private static final long CLOCK_ORIGIN = System.nanoTime();
    /** Datagrams received per wake-up before timers run and output is flushed. */
    private static final int RECEIVE_BATCH = 64;
    /** Requested SO_SNDBUF and SO_RCVBUF (the kernel caps them at net.core.[rw]mem_max). */
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;
    /** The largest UDP payload: a datagram longer than the endpoint accepts still arrives whole and is rejected by the codec. */
    private static final int MAX_UDP_PAYLOAD = 65_535;
    /** Connection ids and ISNs are visible on the wire: their source must not be predictable from them. */
    private static final SecureRandom RANDOM = new SecureRandom();
    /** This JVM's server endpoints by bound address, so a new listener can share a closing one's port. */
    private static final ConcurrentMap<InetSocketAddress, EndpointDriver> SERVERS = new ConcurrentHashMap<>();
    /** Every running endpoint of this JVM, for the exit linger. */
    private static final java.util.Set<EndpointDriver> LIVE = ConcurrentHashMap.newKeySet();
    /**
     * How long JVM exit waits for closed connections to deliver their last data and FIN. A kernel
     * keeps a TCP socket's send queue after its process exits; a user-space stack dies with its
     * process, so without this a program that writes, closes and exits could take its FIN along
     * and leave the peer waiting for its idle timeout.
     */
    private static final long EXIT_LINGER_NANOS = 2_000_000_000L;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(EndpointDriver::lingerOnExit, "rudp-exit-linger"));
    }

    final ReentrantLock lock = new ReentrantLock();
    private final Endpoint endpoint;
    private final DatagramChannel channel;
    private final Selector selector;
    /** The peer of a client endpoint (its channel is connected), or null for a server endpoint. */
    private final InetSocketAddress peer;
    private final InetSocketAddress localAddress;
    private final InetSocketAddress registryKey;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_UDP_PAYLOAD);
    private final DatagramSink sink = this::send;
    private final Endpoint.EventHandler dispatcher = this::dispatch;
    private final Map<Connection, BlockingConnection> handles = new IdentityHashMap<>();
    private final Thread loop;

    // All guarded by lock.
    private Acceptor acceptor;
    /** When the loop's select returns at the latest; Long.MIN_VALUE while it is awake (or already woken). */
    private long loopWakesAt = Long.MIN_VALUE;
    private boolean portUnreachable;
    private boolean closed;
    private Throwable failure;
    private long sendsDropped;
    private long sendErrors;

    private EndpointDriver(DatagramChannel channel, InetSocketAddress peer, InetSocketAddress registryKey,
                           ConnectionConfig config) throws IOException {
        this.channel = channel;
        this.peer = peer;
        this.registryKey = registryKey;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.endpoint = new Endpoint(localAddress, config, RANDOM);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        this.loop = new Thread(this::run, "rudp-endpoint-" + localAddress.getPort());
        loop.setDaemon(true);
        LIVE.add(this);
    }

    /** The shutdown hook: waits, up to {@link #EXIT_LINGER_NANOS}, until no closed connection still has data or a FIN to deliver. */
    private static void lingerOnExit() {
        long deadline = System.nanoTime() + EXIT_LINGER_NANOS;
        while (System.nanoTime() < deadline && LIVE.stream().anyMatch(EndpointDriver::deliveringClosedConnections)) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
    }

    private boolean deliveringClosedConnections() {
        lock.lock();
        try {
            return !closed && handles.values().stream().anyMatch(BlockingConnection::isClosingWithOutputPending);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Listens for calls on {@code local} (port 0: any free port) with its own endpoint, or on the
     * endpoint this JVM still runs there for a closed listener's connections.
     *
     * @throws BindException if another socket holds the address
     */
    public static Acceptor listen(InetSocketAddress local, int backlog, ConnectionConfig config) throws IOException {
        if (local.getPort() != 0) {
            EndpointDriver lingering = SERVERS.get(local);
            if (lingering != null) {
                Acceptor a = lingering.listenAgain(backlog, config);
                if (a != null) return a;
            }
        }
        DatagramChannel channel = open(local);
        EndpointDriver driver;
        try {
            InetSocketAddress key = new InetSocketAddress(local.getAddress(), ((InetSocketAddress) channel.getLocalAddress()).getPort());
            driver = new EndpointDriver(channel, null, key, config);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        SERVERS.put(driver.registryKey, driver);
        driver.lock.lock();
        try {
            Acceptor a = driver.startListening(backlog);
            driver.loop.start();
            return a;
        } finally {
            driver.lock.unlock();
        }
    }

    /**
     * Opens a connection to {@code remote} from its own endpoint, bound to {@code local} (null:
     * any free port) and connected to {@code remote}; the call request is on its way when this
     * returns. Wait for the handshake with {@link BlockingConnection#awaitConnected}.
     */
    public static BlockingConnection connect(InetSocketAddress local, InetSocketAddress remote, ConnectionConfig config)
        throws IOException {
        DatagramChannel channel = open(local == null ? new InetSocketAddress(0) : local);
        EndpointDriver driver;
        try {
            channel.connect(remote);
            driver = new EndpointDriver(channel, remote, null, config);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        driver.lock.lock();
        try {
            BlockingConnection c = driver.register(driver.endpoint.connect(remote, now()));
            driver.loop.start();
            return c;
        } finally {
            driver.lock.unlock();
        }
    }

    private static DatagramChannel open(InetSocketAddress local) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.configureBlocking(false);
            channel.bind(local);
            return channel;
        } catch (BindException e) {
            channel.close();
            BindException clear = new BindException("Address already in use: UDP " + local + " is bound by another socket");
            clear.initCause(e);
            throw clear;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The address the channel is bound to. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Whether the loop still runs (false once the port is released). */
    public boolean isOpen() {
        lock.lock();
        try {
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** Datagrams dropped because the socket's send buffer was full. */
    public long sendsDropped() {
        lock.lock();
        try {
            return sendsDropped;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- for Acceptor and BlockingConnection (under lock)

    private Acceptor listenAgain(int backlog, ConnectionConfig config) throws BindException {
        lock.lock();
        try {
            if (closed) return null;
            if (acceptor != null) {
                throw new BindException("Address already in use: a rudp listener is open on " + localAddress);
            }
            if (!endpoint.config().equals(config)) {
                throw new BindException("Address already in use: " + localAddress + " still serves a closed rudp"
                    + " listener's connections with a different configuration");
            }
            return startListening(backlog);
        } finally {
            lock.unlock();
        }
    }

    private Acceptor startListening(int backlog) {
        endpoint.listen(backlog);
        acceptor = new Acceptor(this, lock.newCondition());
        return acceptor;
    }

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

    private BlockingConnection register(Connection c) {
        BlockingConnection h = new BlockingConnection(this, c, endpoint.config().sendBufferSize());
        handles.put(c, h);
        return h;
    }

    /**
     * Called after an application call into a connection: the loop must flush and re-read the
     * deadline. Wakes it only if it sleeps (a woken or busy loop flushes before it sleeps again).
     */
    void requestService() {
        if (loopWakesAt != Long.MIN_VALUE && !closed) {
            loopWakesAt = Long.MIN_VALUE;
            selector.wakeup();
        }
    }

    /** Whether the endpoint has output to send; the caller holds the lock. */
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
        SocketException e = new SocketException("rudp endpoint " + localAddress + " failed: " + failure);
        e.initCause(failure);
        return e;
    }

    // ---------------------------------------------------------------- the loop thread

    private void run() {
        try {
            while (iterate()) {
                // one wake-up per iteration
            }
        } catch (Throwable t) {
            LOG.error("rudp endpoint {} failed; its connections are aborted", localAddress, t);
            lock.lock();
            try {
                failure = t;
                for (BlockingConnection h : new ArrayList<>(handles.values())) h.abortForFailure();
                retire();
            } finally {
                lock.unlock();
            }
        }
    }

    /** One wake-up: timers, output, events, then sleep and receive. Returns false once retired. */
    private boolean iterate() throws IOException {
        long deadline;
        lock.lock();
        try {
            long now = now();
            endpoint.timeout(now);
            service(now);
            if (acceptor == null && endpoint.connectionCount() == 0) {
                retire();
                return false;
            }
            deadline = endpoint.nextDeadline();
            loopWakesAt = deadline;
        } finally {
            lock.unlock();
        }
        sleepUntil(deadline);
        lock.lock();
        try {
            loopWakesAt = Long.MIN_VALUE;
            receiveBatch();
        } finally {
            lock.unlock();
        }
        return true;
    }

    private void sleepUntil(long deadline) throws IOException {
        if (deadline == Long.MAX_VALUE) {
            selector.select();
        } else {
            long wait = deadline - now();
            // Selector timeouts are in milliseconds: round up, so we never spin before a deadline.
            // A pacing deadline a few microseconds away thus costs up to 1 ms; the pacer allows
            // a burst of about that much, so the rate holds.
            if (wait <= 0) selector.selectNow();
            else selector.select(Math.ceilDiv(wait, 1_000_000L));
        }
        selector.selectedKeys().clear();
    }

    private void receiveBatch() throws IOException {
        for (int i = 0; i < RECEIVE_BATCH; i++) {
            receiveBuffer.clear();
            InetSocketAddress from;
            try {
                if (peer != null) {
                    // A connected channel: read() needs no source address object per datagram.
                    if (channel.read(receiveBuffer) <= 0) return;
                    from = peer;
                } else {
                    from = (InetSocketAddress) channel.receive(receiveBuffer);
                    if (from == null) return;
                }
            } catch (PortUnreachableException e) {
                portUnreachable = true;
                continue;
            }
            receiveBuffer.flip();
            endpoint.receive(from, receiveBuffer, now());
        }
    }

    /** Flushes the endpoint and hands out its events; the loop thread only, under the lock. */
    private void service(long now) {
        endpoint.flush(now, sink);
        if (portUnreachable) {
            portUnreachable = false;
            refuseCallsInProgress();
            endpoint.flush(now, sink);
        }
        endpoint.drainEvents(dispatcher);
    }

    /**
     * ICMP port unreachable on the connected channel. As Linux TCP does (RFC 1122 4.2.3.9 lets a
     * connection treat it as a soft error), it fails a connection only while its call is in
     * progress; an established connection ignores it and relies on its own timers.
     */
    private void refuseCallsInProgress() {
        endpoint.portUnreachable(peer);
    }

    private void send(InetSocketAddress to, ByteBuffer datagram) {
        try {
            int sent = peer != null ? channel.write(datagram) : channel.send(datagram, to);
            if (sent == 0) sendsDropped++;
        } catch (PortUnreachableException e) {
            portUnreachable = true;
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("rudp endpoint " + localAddress + " sends after its channel closed", e);
        } catch (IOException e) {
            // E.g. ENOBUFS, or no route: the datagram is lost and the connection retransmits.
            if (sendErrors++ == 0) LOG.warn("rudp endpoint {}: send to {} failed", localAddress, to, e);
        }
    }

    private void dispatch(Connection c, int events) {
        BlockingConnection h = handles.get(c);
        if (h != null) {
            h.onEvents(events);
            // After CLOSED (also raised on entering TIME_WAIT) nothing changes that a thread waits for.
            if ((events & ConnectionEvents.CLOSED) != 0) handles.remove(c);
        } else if ((events & ConnectionEvents.CONNECTED) != 0 && acceptor != null) {
            acceptor.wakeWaiters();
        }
    }

    /** Releases the port and ends the loop; under the lock, so a new bind after it succeeds. */
    private void retire() {
        closed = true;
        LIVE.remove(this);
        if (registryKey != null) SERVERS.remove(registryKey, this);
        try {
            // Selector first: a registered channel's socket closes only once its key is gone.
            selector.close();
            channel.close();
        } catch (IOException e) {
            LOG.warn("rudp endpoint {}: closing the channel failed", localAddress, e);
        }
        for (BlockingConnection h : handles.values()) h.onEvents(ConnectionEvents.CLOSED);
        handles.clear();
        if (acceptor != null) acceptor.wakeWaiters(); // after a loop failure: blocked accepts see it
    }

    static long now() {
        return System.nanoTime() - CLOCK_ORIGIN;
    }

    @Override
    public String toString() {
        return "EndpointDriver[" + localAddress + (peer == null ? "" : " -> " + peer) + "]";
    }
}
