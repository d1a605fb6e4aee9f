package net.rudp.core;

import java.util.Arrays;

/**
 * A connection's deadlines, one per {@link Timer}: each is armed with the absolute time it
 * fires ({@code Long.MAX_VALUE}: stopped), and the connection's next deadline is the earliest.
 */
final class TimerTable {
    /** Backoffs (handshake retry, persist) double at most this many times: 2^20 times the first interval. */
    static final int MAX_BACKOFF_SHIFT = 20;
    private static final Timer[] TIMERS = Timer.values();
    private static final long STOPPED = Long.MAX_VALUE;

    private final long[] deadlines = new long[TIMERS.length];

    TimerTable() {
        Arrays.fill(deadlines, STOPPED);
    }

    /** Arms {@code timer} to fire at {@code deadline} ({@code Long.MAX_VALUE} stops it). */
    void set(Timer timer, long deadline) {
        deadlines[timer.ordinal()] = deadline;
    }

    void stop(Timer timer) {
        deadlines[timer.ordinal()] = STOPPED;
    }

    /** Stops every timer but {@code kept}. */
    void stopAllBut(Timer kept) {
        long k = deadlines[kept.ordinal()];
        Arrays.fill(deadlines, STOPPED);
        deadlines[kept.ordinal()] = k;
    }

    void stopAll() {
        Arrays.fill(deadlines, STOPPED);
    }

    /** When {@code timer} fires; {@code Long.MAX_VALUE} when stopped. */
    long deadline(Timer timer) {
        return deadlines[timer.ordinal()];
    }

    boolean isArmed(Timer timer) {
        return deadlines[timer.ordinal()] != STOPPED;
    }

    /** Whether {@code timer} is armed and its deadline has come at {@code now}. */
    boolean hasExpired(Timer timer, long now) {
        long d = deadlines[timer.ordinal()];
        return d != STOPPED && now >= d;
    }

    /** The earliest deadline of all timers, {@code Long.MAX_VALUE} when none is armed. */
    long next() {
        long next = STOPPED;
        for (long d : deadlines) next = Math.min(next, d);
        return next;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TimerTable[");
        for (Timer t : TIMERS) {
            if (isArmed(t)) sb.append(sb.length() > 11 ? ", " : "").append(t).append('@').append(deadline(t));
        }
        return sb.append(']').toString();
    }
}
