package net.rudp.core;

import net.rudp.wire.Flags;
import net.rudp.wire.Packet;
import net.rudp.wire.ResetReason;

/** Why a connection ended abnormally; the message is what the application sees. */
public enum ConnectionError {
    /** The listener refused the call request (RST refused), or nobody listens there. */
    REFUSED("connection refused"),
    /** The listener refused the call request: the server holds as many connections as it may (RST connection limit). */
    AT_CONNECTION_LIMIT("connection refused: the server has reached its connection limit"),
    /** The listener refused the call request because its accept queue is full (RST refused, QUEUE_FULL). */
    QUEUE_FULL("connection refused: the server's accept queue is full"),
    /**
     * The authenticated mode: the server answered the call with a SYN_ACK that did not authenticate
     * (a plain server, or one with another key or pre-shared key), and no SYN_ACK that did came
     * before the call's next retry (spec/AUTHENTICATED.md 5). The client never falls back to plain rudp.
     */
    NOT_AUTHENTICATED("connection refused: the server did not authenticate"),
    /** The peer reset the connection (RST). */
    RESET("connection reset"),
    /** The peer stopped answering: handshake, retransmission or idle timeout. */
    TIMED_OUT("connection timed out"),
    /** The application aborted the connection itself. */
    ABORTED("connection aborted");

    public final String message;

    ConnectionError(String message) {
        this.message = message;
    }

    /** What an acceptable RST tells the application (spec 2.3's table): refused (and why), timed out, or reset. */
    static ConnectionError of(Packet.Rst r) {
        return switch (r.reason()) {
            case REFUSED -> (r.header().flags() & Flags.QUEUE_FULL) != 0 ? QUEUE_FULL : REFUSED;
            case CONNECTION_LIMIT -> AT_CONNECTION_LIMIT;
            case TIMEOUT -> TIMED_OUT;
            default -> RESET;
        };
    }
}
