package net.rudp.core;

/** Why a connection ended abnormally; the message is what the application sees. */
public enum ConnectionError {
    /** The listener refused the call request (RST refused), or nobody listens there. */
    REFUSED("connection refused"),
    /** The listener refused the call request: the server holds as many connections as it may (RST connection limit). */
    AT_CONNECTION_LIMIT("connection refused: the server has reached its connection limit"),
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
}
