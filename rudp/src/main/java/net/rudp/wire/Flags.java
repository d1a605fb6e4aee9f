package net.rudp.wire;

/** Flag bits of the header's flags byte. Their meaning depends on the packet type; unknown bits are ignored. */
public final class Flags {
    private Flags() {}

    /** NACK: the sender of this NACK discarded a corrupt datagram from this peer since its last NACK. */
    public static final int CORRUPT_SEEN = 0x01;

    /**
     * RST(REFUSED): the refusing endpoint listens, but its backlog (its accept queue) is full,
     * so the client can say so rather than "nobody listens there" (spec 2.4, 13.2).
     */
    public static final int QUEUE_FULL = 0x01;

    /** DATA: the sender asks for an immediate ACK (it is probing for loss at the tail of a flight). */
    public static final int ACK_NOW = 0x02;

    /**
     * SYN_ACK: a stateless call accept (spec 7.1): the server kept no state, will not resend it,
     * and creates the connection from the client's first packet, which must carry seq = ISN + 1.
     */
    public static final int COOKIE = 0x04;

    /** SYN, SYN_ACK: the authenticated mode's handshake (spec/AUTHENTICATED.md); sealed packets follow. */
    public static final int AUTH = 0x08;

    /**
     * PROBE: a path MTU probe (spec 9.13), padded to the datagram size it tests; it carries no
     * stream data. ACK: the answer to such a probe, whose timestamp echo names the probe.
     */
    public static final int PATH_MTU = 0x10;
}
