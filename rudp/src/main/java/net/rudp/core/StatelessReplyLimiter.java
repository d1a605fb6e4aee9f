package net.rudp.core;

import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * Rate limits the replies an endpoint sends without keeping state (RST(REFUSED) and
 * RST(NO_CONNECTION), spec 13.1), per source address and for the whole endpoint, so that
 * spoofed packets cannot turn the endpoint into a reflector: a victim whose address is spoofed
 * gets at most {@value #SOURCE_BURST} replies at once and then one per
 * {@value #SOURCE_INTERVAL_MILLIS} ms, whatever the flood's rate, and all sources together at
 * most {@value #GLOBAL_BURST} and then one per millisecond.
 *
 * <p>Each limit is a token bucket kept as one number, the generic cell rate algorithm's
 * "theoretical arrival time": a reply is allowed if that time is at most a burst's worth of
 * intervals ahead of now, and moves it one interval on. Sources share {@value #SOURCE_SLOTS}
 * slots by a hash of their IP address (not the port: a victim is a host), so memory is fixed
 * whatever the number of spoofed sources; two sources in one slot share a bucket, which only
 * makes the limit stricter.
 */
final class StatelessReplyLimiter {
    static final int GLOBAL_BURST = 32;
    static final long GLOBAL_INTERVAL_NANOS = 1_000_000;
    static final int SOURCE_BURST = 8;
    static final long SOURCE_INTERVAL_MILLIS = 50;
    static final int SOURCE_SLOTS = 1024;
    private static final long SOURCE_INTERVAL_NANOS = SOURCE_INTERVAL_MILLIS * 1_000_000;

    /** Far in the past: every bucket starts full, whatever the origin of the endpoint's clock. */
    private static final long LONG_AGO = Long.MIN_VALUE / 2;

    private final long[] sourceDue = new long[SOURCE_SLOTS];
    private long globalDue = LONG_AGO;
    private long suppressed;

    StatelessReplyLimiter() {
        Arrays.fill(sourceDue, LONG_AGO);
    }

    /** Whether a stateless reply to {@code to} may go out at {@code now}; if so, it is counted against both limits. */
    boolean allow(InetSocketAddress to, long now) {
        int slot = slot(to);
        long source = Math.max(sourceDue[slot], now);
        long global = Math.max(globalDue, now);
        if (source - now > (SOURCE_BURST - 1) * SOURCE_INTERVAL_NANOS || global - now > (GLOBAL_BURST - 1) * GLOBAL_INTERVAL_NANOS) {
            suppressed++;
            return false;
        }
        sourceDue[slot] = source + SOURCE_INTERVAL_NANOS;
        globalDue = global + GLOBAL_INTERVAL_NANOS;
        return true;
    }

    /** Replies refused so far. */
    long suppressed() {
        return suppressed;
    }

    private static int slot(InetSocketAddress a) {
        int h = a.getAddress() == null ? a.getHostString().hashCode() : a.getAddress().hashCode();
        h ^= h >>> 16;
        return (h * 0x9E3779B9 >>> 22) & (SOURCE_SLOTS - 1);
    }
}
