package net.rudp.io;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import net.rudp.io.batch.DeliveryError;

/**
 * Counts an endpoint's failed datagram sends and receives by kind, and says which of them deserve
 * a warning: the first of each kind, then at most one per {@link #WARN_INTERVAL_NANOS} that
 * tells how many went unreported since.
 *
 * <p>None of these errors ends a connection by itself: a datagram that could not be sent is a
 * lost datagram, which the connection retransmits, and a path that stays broken ends in
 * "Connection timed out". Only {@link Kind#PORT_UNREACHABLE} acts at once (the driver refuses the
 * calls in progress to that peer). Guarded by the endpoint lock.
 */
public final class DatagramErrors {

    /** At most one warning per kind in this long, so a dead route cannot flood the log. */
    static final long WARN_INTERVAL_NANOS = 10_000_000_000L;

    /** What became of one lost datagram, as far as the socket tells. */
    public enum Kind {
        /** The socket's send buffer was full (the non-blocking send took nothing); common in bulk transfers, never warned. */
        SEND_BUFFER_FULL(false, "the socket's send buffer is full"),
        /** ICMP port unreachable: nothing listens at the peer's port; never warned. */
        PORT_UNREACHABLE(false, "the peer's port is unreachable"),
        /** ICMP host or network unreachable: no route to the peer. */
        UNREACHABLE(true, "no route to the peer"),
        /** ICMP fragmentation needed / packet too big: the datagram is larger than the path carries. */
        MESSAGE_TOO_LONG(true, "the datagram is larger than the path carries"),
        /** The kernel refused to send it (too long for the interface, no route, a firewall rule): the socket logs why. */
        REFUSED(true, "the kernel refused to send the datagram"),
        /** Anything else the socket reported. */
        OTHER(true, "an unexpected socket error");

        /** The kind of a delivery error the socket heard of. */
        static Kind of(DeliveryError.Kind reported) {
            return switch (reported) {
                case PORT_UNREACHABLE -> PORT_UNREACHABLE;
                case HOST_UNREACHABLE, NETWORK_UNREACHABLE -> UNREACHABLE;
                case MESSAGE_TOO_BIG -> MESSAGE_TOO_LONG;
                case OTHER -> OTHER;
            };
        }

        private final boolean warns;
        private final String description;

        Kind(boolean warns, String description) {
            this.warns = warns;
            this.description = description;
        }
    }

    private final long warnIntervalNanos;
    private final long[] counts = new long[Kind.values().length];
    private final long[] unreported = new long[Kind.values().length];
    private final long[] lastWarning = new long[Kind.values().length];
    private final boolean[] warnedOnce = new boolean[Kind.values().length];

    DatagramErrors() {
        this(WARN_INTERVAL_NANOS);
    }

    DatagramErrors(long warnIntervalNanos) {
        this.warnIntervalNanos = warnIntervalNanos;
    }

    /**
     * Counts one error of {@code kind} at {@code now}.
     *
     * @return the warning to log now, or null if this kind is never warned or was warned less than
     *         an interval ago
     */
    String record(Kind kind, long now) {
        int k = kind.ordinal();
        counts[k]++;
        if (!kind.warns) return null;
        if (warnedOnce[k] && now - lastWarning[k] < warnIntervalNanos) {
            unreported[k]++;
            return null;
        }
        String warning = kind.description
            + (warnedOnce[k] ? " (" + unreported[k] + " more since the last warning, " + counts[k] + " in all)" : "");
        warnedOnce[k] = true;
        lastWarning[k] = now;
        unreported[k] = 0;
        return warning;
    }

    /** How many errors of {@code kind} were counted. */
    long count(Kind kind) {
        return counts[kind.ordinal()];
    }

    /** Every kind with its count (zeros included), as a snapshot. */
    Map<Kind, Long> counts() {
        Map<Kind, Long> snapshot = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) snapshot.put(kind, counts[kind.ordinal()]);
        return Collections.unmodifiableMap(snapshot);
    }
}
