package net.rudp.core;

/** Why a receiver acknowledges at once instead of waiting for a second segment or the delayed-ACK timer (spec 9.3). */
enum AckReason {
    /** The delayed-ACK timer for a lone segment expired. */
    DELAYED_ACK_TIMER,
    /** RFC 5681 4.2: "an ACK SHOULD be generated for at least every second full-sized segment". */
    SECOND_SEGMENT,
    /** RFC 5681 4.2: "an immediate duplicate ACK when an out-of-order segment arrives". */
    OUT_OF_ORDER,
    /** RFC 5681 4.2: "an immediate ACK ... when ... a segment fills in all or part of a gap". */
    GAP_FILLED,
    /** A duplicate, or data outside the window: tell the sender where we are (spec 9.2). */
    NOTHING_NEW,
    /** In-order data dropped for want of receive memory: the ACK tells the sender the window left (spec 10.5). */
    NO_MEMORY,
    /** The DATA packet carried ACK_NOW: a tail-loss probe asks for an answer (spec 2.4, 9.10). */
    PEER_ASKED,
    /** A FIN arrived (spec 9.3). */
    FIN_RECEIVED,
    /** The in-order stream reached the peer's FIN, which this ACK acknowledges. */
    END_OF_STREAM,
    /** A PROBE (keepalive or persist) asks for the current ack and window (spec 10.2, 14). */
    PROBE,
    /** Our SYN_ACK was answered: the client's ACK completes the handshake (spec 8.1). */
    HANDSHAKE_COMPLETE,
    /** A retransmitted SYN_ACK says our handshake ACK was lost (spec 8.1 item 7). */
    HANDSHAKE_ACK_LOST,
    /** RFC 9293 3.10.7.4: an ACK for data not yet sent is answered with an ACK, then dropped. */
    ACK_OF_UNSENT_DATA,
    /** In TIME_WAIT, a retransmitted FIN, DATA or PROBE: its ACK was lost (spec 12.2). */
    TIME_WAIT_RETRANSMISSION,
    /** RFC 5961 3.2: an RST in the window but not at RCV.NXT is answered with a challenge ACK (spec 13.3). */
    CHALLENGE,
    /** Reading freed enough of the buffer to announce a larger window on its own (spec 10.3). */
    WINDOW_UPDATE
}
