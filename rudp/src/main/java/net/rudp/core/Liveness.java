package net.rudp.core;

/**
 * Keepalive and the idle timeout (spec 14): both count from the last packet the peer sent; each
 * keepalive interval of silence asks for a PROBE, and the idle timeout gives the connection up.
 */
final class Liveness {
    private final TimerTable timers;
    private final long keepaliveNanos;
    private final long idleTimeoutNanos;

    /** A value of 0 turns that timer off. */
    Liveness(TimerTable timers, long keepaliveNanos, long idleTimeoutNanos) {
        this.timers = timers;
        this.keepaliveNanos = keepaliveNanos;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    /** The peer was heard from at {@code now} (or the connection was established): both timers restart. */
    void onPeerHeard(long now) {
        if (idleTimeoutNanos > 0) timers.set(Timer.IDLE, now + idleTimeoutNanos);
        if (keepaliveNanos > 0) timers.set(Timer.KEEPALIVE, now + keepaliveNanos);
    }

    /** Whether the peer has been silent for the idle timeout at {@code now}. */
    boolean idleExpired(long now) {
        return timers.hasExpired(Timer.IDLE, now);
    }

    /** Whether a keepalive PROBE is due at {@code now}; if so the next counts from now. */
    boolean keepaliveDue(long now) {
        if (!timers.hasExpired(Timer.KEEPALIVE, now)) return false;
        timers.set(Timer.KEEPALIVE, now + keepaliveNanos);
        return true;
    }
}
