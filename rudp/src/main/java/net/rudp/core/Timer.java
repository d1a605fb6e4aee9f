package net.rudp.core;

/** The timers of one connection (spec/PROTOCOL.md section 16), each one entry of its {@link TimerTable}. */
enum Timer {
    /** Resend the SYN or SYN_ACK, doubling (spec 8.1, 8.2). */
    HANDSHAKE_RETRY,
    /** Give the handshake up (spec 8.1, 8.2). */
    CONNECT,
    /** Retransmission timeout (spec 9.7). */
    RTO,
    /** Tail-loss probe (spec 9.10). */
    TLP,
    /** RACK's reordering window ends for the oldest segment not yet judged lost (spec 9.8). */
    LOSS,
    /** Probe a closed peer window (spec 10.2). */
    PERSIST,
    /** Send the ACK held back for a lone packet (spec 9.3). */
    DELAYED_ACK,
    /** Probe a silent peer (spec 14). */
    KEEPALIVE,
    /** Fail a connection whose peer stays silent (spec 14). */
    IDLE,
    /** Forget a connection that acknowledged the peer's FIN (spec 12.2). */
    TIME_WAIT,
    /** Reset a closed connection whose peer never sends its FIN (spec 12.1, Linux's tcp_fin_timeout). */
    ORPHAN,
    /** The pacer lets the next packet go (spec 11.3). */
    PACING,
    /** A path MTU probe is lost, or the search starts again (spec 9.13). */
    PATH_MTU
}
