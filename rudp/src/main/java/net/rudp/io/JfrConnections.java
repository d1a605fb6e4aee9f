package net.rudp.io;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.FlightRecorder;
import net.rudp.ConnectionStats;
import net.rudp.core.Connection;
import net.rudp.core.ConnectionError;
import net.rudp.jfr.ConnectionClosed;
import net.rudp.jfr.ConnectionEnded;
import net.rudp.jfr.ConnectionEstablished;
import net.rudp.jfr.ConnectionReset;
import net.rudp.jfr.ConnectionSample;
import net.rudp.jfr.ConnectionTimedOut;
import net.rudp.jfr.JfrTracer;

/**
 * Emits the {@link net.rudp.jfr} events of this JVM's connections: established and ended from
 * the endpoint's event flow, timeouts and loss episodes through a {@link JfrTracer} on each
 * connection the application holds, and {@link ConnectionSample} for every open connection from
 * JFR's periodic hook. While no recording asks for an event, making it is all it costs: its
 * fields are filled only after {@code isEnabled()}.
 */
final class JfrConnections {

    private static final AtomicBoolean SAMPLING = new AtomicBoolean();

    private JfrConnections() {}

    /**
     * Registers the periodic hook that samples every open connection, once per JVM (when the
     * first endpoint starts); JFR calls it only while a recording wants {@link ConnectionSample}.
     */
    static void startSampling() {
        if (SAMPLING.compareAndSet(false, true)) FlightRecorder.addPeriodicEvent(ConnectionSample.class, JfrConnections::sampleAll);
    }

    /** The tracer for a connection the application now holds. */
    static JfrTracer tracer(Connection c, InetSocketAddress local) {
        return new JfrTracer(local, c.remoteAddress(), c.localId());
    }

    static void established(Connection c, InetSocketAddress local) {
        ConnectionEstablished e = new ConnectionEstablished();
        if (!e.isEnabled()) return;
        e.connection(local, c.remoteAddress(), c.localId());
        e.client = c.isClient();
        e.commit();
    }

    static void ended(Connection c, InetSocketAddress local) {
        ConnectionError error = c.error();
        ConnectionEnded e = switch (error) {
            case null -> new ConnectionClosed();
            case ABORTED -> aborted();
            case RESET -> reset(false);
            case REFUSED, QUEUE_FULL, AT_CONNECTION_LIMIT, NOT_AUTHENTICATED -> reset(true);
            case TIMED_OUT -> new ConnectionTimedOut();
        };
        if (!e.isEnabled()) return;
        e.connection(local, c.remoteAddress(), c.localId());
        ConnectionStats s = c.stats();
        e.bytesSent = s.bytesSent();
        e.bytesReceived = s.bytesReceived();
        e.bytesRetransmitted = s.bytesRetransmitted();
        e.retransmissionTimeouts = s.retransmissionTimeouts();
        e.commit();
    }

    private static ConnectionClosed aborted() {
        ConnectionClosed e = new ConnectionClosed();
        e.aborted = true;
        return e;
    }

    private static ConnectionReset reset(boolean refused) {
        ConnectionReset e = new ConnectionReset();
        e.refused = refused;
        return e;
    }

    private static void sampleAll() {
        EndpointRegistry.JVM.forEachLive(driver -> driver.forEachOpenConnection(JfrConnections::sample));
    }

    private static void sample(BlockingConnection handle, ConnectionStats s) {
        ConnectionSample e = new ConnectionSample();
        e.connection(handle.localAddress(), handle.remoteAddress(), handle.localId());
        e.state = s.state().name();
        e.congestionWindow = s.congestionWindow();
        e.bytesInFlight = s.bytesInFlight();
        e.smoothedRtt = s.smoothedRtt();
        e.minRtt = s.minRtt();
        e.deliveryRate = s.deliveryRate();
        e.pacingRate = s.pacingRate();
        e.bytesAcked = s.bytesAcked();
        e.packetsLost = s.packetsLost();
        e.commit();
    }
}
