package net.rudp.core;

import net.rudp.ConnectionConfig;

/**
 * Keepalive and the idle timeout (spec 14): both count from the last packet the peer sent; each
 * keepalive interval of silence asks for a PROBE, and the idle timeout gives the connection up.
 * After a cookie call accept it also asks for the PROBEs of spec 8.1 rule 8, until the server is
 * heard from: the server creates the connection only from a packet at seq = ISN + 1.
 */
final class Liveness {
    /** Spec 8.1 rule 8: the first packet is resent at 1, 2 and 4 s, then left to the keepalive. */
    static final int COOKIE_RESENDS = 3;

    private final TimerTable timers;
    private final long keepaliveNanos;
    private final long idleTimeoutNanos;
    private final long firstResendNanos;
    private int cookieResends;

    /** A keepalive or idle timeout of 0 in {@code config} turns that timer off. */
    Liveness(TimerTable timers, ConnectionConfig config) {
        this.timers = timers;
        this.keepaliveNanos = config.keepaliveNanos();
        this.idleTimeoutNanos = config.idleTimeoutNanos();
        this.firstResendNanos = config.initialRtoNanos();
    }

    /**
     * The handshake completed at {@code now}; {@code byCookie}: our call was accepted by cookie
     * (a client that got a COOKIE SYN_ACK), so PROBEs at seq = ISN + 1 are due on the doubling
     * handshake-retry timer until the server answers (spec 8.1 rule 8).
     */
    void onHandshakeComplete(long now, boolean byCookie) {
        onPeerHeard(now);
        if (!byCookie) return;
        cookieResends = COOKIE_RESENDS;
        timers.set(Timer.HANDSHAKE_RETRY, now + firstResendNanos);
    }

    /** The peer was heard from at {@code now} (or the connection was established): both timers restart. */
    void onPeerHeard(long now) {
        if (idleTimeoutNanos > 0) timers.set(Timer.IDLE, now + idleTimeoutNanos);
        if (keepaliveNanos > 0) timers.set(Timer.KEEPALIVE, now + keepaliveNanos);
        timers.stop(Timer.HANDSHAKE_RETRY);
    }

    /** Whether the peer has been silent for the idle timeout at {@code now}. */
    boolean idleExpired(long now) {
        return timers.hasExpired(Timer.IDLE, now);
    }

    /**
     * Whether a PROBE is due at {@code now}, for keepalive (the next counts from now) or for a
     * cookie call not yet answered (the next after twice the interval).
     */
    boolean keepaliveDue(long now) {
        boolean cookieResend = timers.hasExpired(Timer.HANDSHAKE_RETRY, now);
        if (cookieResend && --cookieResends > 0) {
            timers.set(Timer.HANDSHAKE_RETRY, now + (firstResendNanos << (COOKIE_RESENDS - cookieResends)));
        } else if (cookieResend) {
            timers.stop(Timer.HANDSHAKE_RETRY);
        }
        if (!timers.hasExpired(Timer.KEEPALIVE, now)) return cookieResend;
        timers.set(Timer.KEEPALIVE, now + keepaliveNanos);
        return true;
    }
}
