package net.rudp.wire;

/** Why a connection was reset (the RST body's reason code). */
public enum ResetReason {
    /** The application aborted the connection (linger 0). */
    ABORT(1, "connection reset by peer"),
    /** The listener refused the call request: no listener, or its backlog is full. */
    REFUSED(2, "connection refused"),
    /** The packet named a connection the receiver does not have. */
    NO_CONNECTION(3, "connection reset: peer has no such connection"),
    /** The peer broke a protocol rule. */
    PROTOCOL_VIOLATION(4, "connection reset: protocol violation"),
    /** The peer gave up on the connection after its retries or idle timeout. */
    TIMEOUT(5, "connection reset: peer timed out"),
    /** The listener refused the call request: the endpoint holds as many connections as it may (spec 8.2). */
    CONNECTION_LIMIT(6, "connection refused: the server has reached its connection limit");

    public final int code;
    /** The message an application sees. */
    public final String message;

    ResetReason(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The reason with this code, or null if unknown. */
    public static ResetReason of(int code) {
        for (ResetReason r : values()) {
            if (r.code == code) return r;
        }
        return null;
    }
}
