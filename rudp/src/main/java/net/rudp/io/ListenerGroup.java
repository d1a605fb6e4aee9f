package net.rudp.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import net.rudp.ConnectionConfig;
import net.rudp.capture.CaptureFile;
import net.rudp.io.batch.BatchedUdpSocket;
import net.rudp.io.batch.BatchedUdpSockets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening address served by several loops, so that a server's throughput grows with its
 * cores instead of stopping at what one loop thread moves: each loop is an endpoint with its own
 * UDP socket, all bound to the address with {@code SO_REUSEPORT}, and its own thread; Linux
 * spreads the datagrams by a hash of their addresses and ports, so each client's datagrams all
 * reach one socket, whose endpoint alone holds its connections (their ids, cookies and
 * handshakes). The receive memory budget and the connection limit are split among the loops
 * (each its part), so that together they bound what one endpoint would.
 *
 * <p><b>One accept queue.</b> The loops feed one {@link Acceptor}, which takes from each in
 * turn. Each loop admits calls up to the whole backlog: split, a loop the hash gave more than
 * its share of a burst would refuse a call that one endpoint with the same backlog would have
 * taken, while the others had room. So no call is refused that one loop would take, and the
 * connections waiting for accept are at most the backlog per loop.
 *
 * <p><b>How many.</b> {@value #LOOPS_PROPERTY} (or {@code RudpSocketOptions.SERVER_LOOPS}),
 * 1 by default: more loops pay only with several busy clients and a spare core per loop, the
 * flow hash may put two busy clients on one loop while another idles, and each loop costs a
 * thread, a socket and its batch buffers (about 1.5 MiB of direct memory). Where the system
 * cannot spread a port over sockets (not Linux, or no {@code SO_REUSEPORT} for the plain path's
 * channels), and for a listener with a capture (one file, one writer), the listener gets one
 * loop, said once in the log.
 *
 * <p><b>Together.</b> The kernel chooses a socket by the hash modulo the number of sockets bound
 * to the port, so closing one socket would move clients of the others to the wrong endpoint,
 * which answers their packets with RST. The loops therefore retire together: a loop with nothing
 * left to serve (no listener, no connection) keeps its socket until every loop has nothing left,
 * then all release the port; a new listener on the address meanwhile takes the group over, as it
 * would a single lingering endpoint, or, while the group retires, waits for the port. Caveat of
 * {@code SO_REUSEPORT}: a socket of another process of the same user may join the port and take
 * a share of its clients; a listener with one loop does not set it, and such a bind fails.
 */
final class ListenerGroup {

    /** {@code -Drudp.serverLoops=N}: how many loops a listener asks for unless told (default 1). */
    static final String LOOPS_PROPERTY = "rudp.serverLoops";
    private static final Logger LOG = LoggerFactory.getLogger(ListenerGroup.class);
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    private final InetSocketAddress key;
    private final int loops;
    // All guarded by this.
    private final List<EndpointDriver> members = new ArrayList<>();
    /** The members that last said they had nothing to serve, or have retired. */
    private final Set<EndpointDriver> idle = new HashSet<>();
    /** A listen is starting the members: none may retire, though each may find itself idle. */
    private boolean claimed = true;
    private boolean retiring;
    private int running;
    private int loopsNamed;

    private ListenerGroup(InetSocketAddress key, int loops) {
        this.key = key;
        this.loops = loops;
    }

    /**
     * The loops a listener asks for by default: {@value #LOOPS_PROPERTY}, 1 if unset.
     *
     * @throws IllegalArgumentException if the property is set to no whole number of at least 1
     */
    static int requestedLoops() {
        String v = System.getProperty(LOOPS_PROPERTY, "1").trim();
        try {
            int loops = Integer.parseInt(v);
            if (loops >= 1) return loops;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(LOOPS_PROPERTY + " must be a whole number of at least 1, not \"" + v + "\"");
    }

    /** How many loops a listener that asks for {@code requested} gets here (see "How many" above). */
    static int grantedLoops(int requested, CaptureFile capture) {
        if (requested <= 1) return 1;
        String whyNot = capture != null ? "a listener with a capture writes it from one loop"
            : BatchedUdpSockets.whyNoPortSharing();
        if (whyNot == null) return requested;
        if (FALLBACK_LOGGED.compareAndSet(false, true)) {
            LOG.info("rudp listeners asked for {} loops get 1 ({}); said once", requested, whyNot);
        }
        return 1;
    }

    /**
     * Listens on {@code local} (port 0: any free port) with {@code loops} endpoints.
     *
     * @throws BindException if a socket without {@code SO_REUSEPORT} holds the address
     */
    static Acceptor listen(InetSocketAddress local, int backlog, ConnectionConfig config, int loops) throws IOException {
        List<BatchedUdpSocket> sockets = EndpointSockets.sharingPort(local, loops);
        ListenerGroup group = new ListenerGroup(new InetSocketAddress(local.getAddress(), sockets.getFirst().localAddress().getPort()), loops);
        try {
            group.startMembers(sockets, config);
            return group.listenClaimed(backlog);
        } finally {
            group.releaseClaim();
        }
    }

    /**
     * A new listener on the group, which serves a closed listener's connections; or null once
     * the group has retired (waiting for that if it is retiring), and the port may be bound anew.
     *
     * @throws BindException if a listener is open on the group, or it has another configuration
     */
    Acceptor listenAgain(int backlog, ConnectionConfig config) throws IOException {
        synchronized (this) {
            if (retiring) {
                awaitRetired();
                return null;
            }
            if (claimed) throw new BindException("Address already in use: a rudp listener is opening on " + key);
            claimed = true;
        }
        try {
            for (EndpointDriver m : snapshot()) m.lock.run(() -> m.requireMayListenAgain(config));
            return listenClaimed(backlog);
        } finally {
            releaseClaim();
        }
    }

    /** How many loops the group was opened with. */
    int loops() {
        return loops;
    }

    /** The number in the name of the next member's loop thread. */
    synchronized int nextLoopNumber() {
        return loopsNamed++;
    }

    /**
     * A member says whether it has nothing to serve (under its lock); whether the group retires,
     * which it does once every member has nothing to serve and no listen is starting them.
     */
    synchronized boolean mayRetire(EndpointDriver member, boolean nothingToServe) {
        if (nothingToServe) idle.add(member);
        else idle.remove(member);
        startRetiringIfIdle();
        return retiring;
    }

    /** {@code member} released its socket; the last one to do so frees the address. */
    synchronized void retired(EndpointDriver member) {
        idle.add(member); // a loop that failed retires alone: the others need not wait for it
        running--;
        startRetiringIfIdle();
        if (running == 0) {
            EndpointRegistry.JVM.released(key, members.getFirst());
            notifyAll();
        }
    }

    /** Starts a member on each socket, the first registered as the address's listener; closes the sockets not started if one fails. */
    private void startMembers(List<BatchedUdpSocket> sockets, ConnectionConfig config) throws IOException {
        for (int i = 0; i < sockets.size(); i++) {
            try {
                EndpointDriver member = EndpointDriver.startMember(sockets.get(i), config, this);
                synchronized (this) {
                    members.add(member);
                    running++;
                }
            } catch (IOException | RuntimeException e) {
                for (BatchedUdpSocket rest : sockets.subList(i + 1, sockets.size())) EndpointSockets.closeQuietly(rest, e);
                throw e;
            }
        }
        EndpointRegistry.JVM.listening(key, members.getFirst());
    }

    /**
     * Every member listens for one new acceptor, each with the whole {@code backlog} (see "One
     * accept queue" above); the caller holds the claim.
     */
    private Acceptor listenClaimed(int backlog) {
        List<EndpointDriver> all = snapshot();
        Acceptor a = new Acceptor(all);
        try {
            for (EndpointDriver m : all) m.lock.run(() -> m.startListening(backlog, a));
            return a;
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
    }

    private synchronized List<EndpointDriver> snapshot() {
        return List.copyOf(members);
    }

    private synchronized void releaseClaim() {
        claimed = false;
        // Members that found themselves idle while claimed sleep without a deadline: they look again.
        for (EndpointDriver m : members) m.wakeLoop();
    }

    private void startRetiringIfIdle() {
        if (retiring || claimed || idle.size() < members.size()) return;
        retiring = true;
        for (EndpointDriver m : members) m.wakeLoop();
    }

    private void awaitRetired() throws InterruptedIOException {
        try {
            while (running > 0) wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the rudp listener's loops on " + key + " retire");
        }
    }
}
