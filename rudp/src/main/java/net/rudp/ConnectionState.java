package net.rudp;

/** The connection states of spec/PROTOCOL.md, "State machine" (TCP's names, the seed's handshake words). */
public enum ConnectionState {
    /** No connection (before connect, after the end). */
    CLOSED,
    /** Call request (SYN) sent, waiting for the call accept. */
    CALL_SENT,
    /** Call request received and call accept (SYN-ACK) sent, waiting for the ACK. */
    CALL_RECEIVED,
    /** The handshake completed: data flows both ways. */
    ESTABLISHED,
    /** We sent FIN; it is not yet acknowledged. */
    FIN_WAIT_1,
    /** Our FIN is acknowledged; the peer may still send. */
    FIN_WAIT_2,
    /** Both sides sent FIN at once; ours is not yet acknowledged. */
    CLOSING,
    /** Both directions closed; lingering to re-acknowledge a retransmitted FIN. */
    TIME_WAIT,
    /** The peer sent FIN; we may still send. */
    CLOSE_WAIT,
    /** We sent FIN after the peer's; waiting for its acknowledgement. */
    LAST_ACK;

    /**
     * Whether the application may still hand over data to send.
     *
     * @return true before the handshake completes, when established, and after the peer's FIN only
     */
    public boolean canSend() {
        return this == ESTABLISHED || this == CLOSE_WAIT || this == CALL_SENT || this == CALL_RECEIVED;
    }
}
