package net.rudp.io.batch;

import java.net.InetSocketAddress;

/**
 * A report that a datagram this socket sent could not be delivered: from an ICMP error (port or
 * host unreachable, packet too big) or from the local stack, with the destination it was sent to.
 *
 * <p>The fast path reads these from the socket's error queue ({@code IP_RECVERR}), so an
 * unconnected socket learns which of its peers refused; the plain path learns only of its
 * connected peer's port being unreachable, as {@link java.net.PortUnreachableException}.
 *
 * @param destination where the undeliverable datagram went
 * @param kind        what went wrong
 * @param mtu         for {@link Kind#MESSAGE_TOO_BIG}, the largest packet the path carries, as reported; else 0
 */
public record DeliveryError(InetSocketAddress destination, Kind kind, int mtu) {

    /** The kinds of undeliverable datagram a caller acts on differently. */
    public enum Kind {
        /** Nothing listens on the destination port (ICMP port unreachable): the peer refused. */
        PORT_UNREACHABLE,
        /** The destination host cannot be reached (ICMP host unreachable, or no route to it). */
        HOST_UNREACHABLE,
        /** The destination network cannot be reached. */
        NETWORK_UNREACHABLE,
        /** The datagram is larger than the path carries ({@link #mtu} says how large it may be). */
        MESSAGE_TOO_BIG,
        /** Any other error the kernel reported for a sent datagram. */
        OTHER
    }
}
