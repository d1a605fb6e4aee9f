package net.rudp.sim;

/** What happened to a datagram on a {@link SimNetwork}, as its {@link SimTrace} reports it. */
public enum SimEvent {
    /** Sent; one copy will arrive. */
    SENT,
    /** Sent; two copies will arrive. */
    DUPLICATED,
    /** Sent and lost by the link's random loss. */
    LOST,
    /** Sent and dropped at the link's full queue. */
    QUEUE_FULL,
    /** Sent, and dropped by the link for being larger than its MTU (as a router drops a Don't Fragment packet). */
    TOO_BIG,
    /** Sent to an address where no node is. */
    UNROUTABLE,
    /** A copy arrived and was handed to its node. */
    DELIVERED,
    /** A copy arrived at a node that had crashed. */
    DROPPED_CRASHED
}
