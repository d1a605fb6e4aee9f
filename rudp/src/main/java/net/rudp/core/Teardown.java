package net.rudp.core;

import net.rudp.ConnectionConfig;
import net.rudp.ConnectionState;
import net.rudp.wire.Packet;

/**
 * How a connection ends (spec 12, 15.3): the state each step of the FIN exchange leads to, the
 * TIME_WAIT and orphan timers those states start, and what TIME_WAIT still answers.
 */
final class Teardown {
    private final ConnectionConfig config;
    private final TimerTable timers;
    private final AckPolicy acks;
    private boolean closedByApp;
    private long finWait2Since;

    Teardown(ConnectionConfig config, TimerTable timers, AckPolicy acks) {
        this.config = config;
        this.timers = timers;
        this.acks = acks;
    }

    /** Whether the application called close() or abort(). */
    boolean closedByApplication() {
        return closedByApp;
    }

    /** The application called close() or abort(); returns whether it had not before. */
    boolean onApplicationClose() {
        if (closedByApp) return false;
        closedByApp = true;
        return true;
    }

    /** Output was shut down in state {@code s} (spec 12.1): our FIN is on its way. */
    static ConnectionState afterShutdown(ConnectionState s) {
        return switch (s) {
            case ESTABLISHED -> ConnectionState.FIN_WAIT_1;
            case CLOSE_WAIT -> ConnectionState.LAST_ACK;
            default -> s;
        };
    }

    /** The peer acknowledged our FIN at {@code now}, in state {@code s}. */
    ConnectionState afterOurFinAcknowledged(ConnectionState s, long now) {
        return switch (s) {
            case FIN_WAIT_1 -> {
                finWait2Since = now;
                armOrphanTimer(ConnectionState.FIN_WAIT_2);
                yield ConnectionState.FIN_WAIT_2;
            }
            case CLOSING -> timeWait(now);
            case LAST_ACK -> ConnectionState.CLOSED;
            default -> s;
        };
    }

    /** The in-order stream reached the peer's FIN at {@code now}, in state {@code s}. */
    ConnectionState afterPeerFin(ConnectionState s, long now) {
        return switch (s) {
            case ESTABLISHED -> ConnectionState.CLOSE_WAIT;
            case FIN_WAIT_1 -> ConnectionState.CLOSING;
            case FIN_WAIT_2 -> timeWait(now);
            default -> s;
        };
    }

    /**
     * Linux's tcp_fin_timeout (spec 12.1): once the application closed and the peer acknowledged
     * our FIN ({@code s} is FIN_WAIT_2), the peer has the orphan timeout to send its own.
     */
    void armOrphanTimer(ConnectionState s) {
        if (s == ConnectionState.FIN_WAIT_2 && closedByApp && config.orphanTimeoutNanos() > 0) {
            timers.set(Timer.ORPHAN, finWait2Since + config.orphanTimeoutNanos());
        }
    }

    /** Only a retransmitted FIN matters from here on (spec 12.2): every other timer stops. */
    private ConnectionState timeWait(long now) {
        timers.set(Timer.TIME_WAIT, now + config.timeWaitNanos());
        timers.stopAllBut(Timer.TIME_WAIT);
        return ConnectionState.TIME_WAIT;
    }

    /**
     * RFC 9293 3.10.7.4: in TIME-WAIT "the only thing that can arrive ... is a retransmission of
     * the remote FIN. Acknowledge it, and restart the 2 MSL timeout." A retransmission of data
     * whose ACK was lost is answered the same way. Returns whether {@code p} is acknowledged.
     */
    boolean answersInTimeWait(Packet p, long now) {
        if (!(p instanceof Packet.Fin || p instanceof Packet.Data || p instanceof Packet.Probe)) return false;
        acks.ackNow(AckReason.TIME_WAIT_RETRANSMISSION, p.header().timestamp());
        if (p instanceof Packet.Fin) timers.set(Timer.TIME_WAIT, now + config.timeWaitNanos());
        return true;
    }
}
