package net.rudp.io;

import java.net.InetSocketAddress;
import net.rudp.ConnectionStats;
import net.rudp.core.Connection;
import net.rudp.core.ConnectionError;
import net.rudp.core.EndpointCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an endpoint tells an operator through slf4j (logger {@code net.rudp.io.EndpointDriver}):
 * each connection established and ended at DEBUG; at WARN a tracer that threw and was detached,
 * calls refused (not listening, or a full backlog, as under a SYN flood) and bursts of datagrams
 * that were no rudp packets, both at most one line per {@link BurstWarning#INTERVAL_NANOS} with
 * the count since the last. Failed sends and receives are warned by {@link DatagramPort}.
 * Called on the loop thread, under the endpoint lock.
 */
final class OperatorLog {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointDriver.class);
    /**
     * Decode errors within one interval that make a burst worth a line. Each call from a shared
     * client endpoint sends a server one byte that is no packet (its refusal probe, see
     * {@link RefusalProbes}), so a few are normal.
     */
    static final long DECODE_ERROR_BURST = 100;

    private final InetSocketAddress endpoint;
    private final BurstWarning refused = new BurstWarning(1);
    private final BurstWarning decodeErrors = new BurstWarning(DECODE_ERROR_BURST);

    OperatorLog(InetSocketAddress endpoint) {
        this.endpoint = endpoint;
    }

    void established(Connection c, InetSocketAddress local) {
        if (!LOG.isDebugEnabled()) return;
        LOG.debug("rudp connection {} {} {} established (id {}, {})", local, c.isClient() ? "->" : "<-", c.remoteAddress(),
            Integer.toHexString(c.localId()), c.stats().congestionControl());
    }

    void ended(Connection c, InetSocketAddress local) {
        if (!LOG.isDebugEnabled()) return;
        ConnectionError error = c.error();
        ConnectionStats s = c.stats();
        LOG.debug("rudp connection {} {} {} ended: {} ({} bytes sent, {} received, {} retransmitted, {} timeouts)", local,
            c.isClient() ? "->" : "<-", c.remoteAddress(), error == null ? "closed" : error.message, s.bytesSent(),
            s.bytesReceived(), s.bytesRetransmitted(), s.retransmissionTimeouts());
    }

    void tracerFailed(Connection c, InetSocketAddress local) {
        LOG.warn("rudp connection {} - {}: its tracer threw and was detached; the connection goes on untraced", local,
            c.remoteAddress(), c.tracerFailure());
    }

    /** After a wake-up: warns of refused calls and decode-error bursts, if it is time to. */
    void wokeUp(EndpointCounters counters, long now) {
        long refusedNow = refused.check(counters.callsRefused(), now);
        if (refusedNow > 0) {
            LOG.warn("rudp endpoint {}: refused {} call(s) since the last warning, {} in all: not listening, or the backlog"
                + " is full (a flood of calls, or an application that does not accept)", endpoint, refusedNow,
                counters.callsRefused());
        }
        long garbled = decodeErrors.check(counters.decodeErrors(), now);
        if (garbled > 0) {
            LOG.warn("rudp endpoint {}: {} datagrams since the last warning were no rudp packets (bad checksum, version,"
                + " type or length; {} in all) and were dropped", endpoint, garbled, counters.decodeErrors());
        }
    }
}
