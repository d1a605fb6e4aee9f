package net.rudp.core;

/**
 * Bits a {@link Connection} raises for the layer above (the I/O driver wakes the threads that wait
 * for them). Events are edge hints: the connection's state is the truth.
 */
public final class ConnectionEvents {
    private ConnectionEvents() {}

    /** The handshake completed. */
    public static final int CONNECTED = 1;
    /** Data (or end of stream) can be read. */
    public static final int READABLE = 1 << 1;
    /** Send-buffer space was freed. */
    public static final int WRITABLE = 1 << 2;
    /** The connection ended: closed normally, reset, refused or timed out. */
    public static final int CLOSED = 1 << 3;
    /** All data written before shutdownOutput/close was acknowledged by the peer. */
    public static final int OUTPUT_DRAINED = 1 << 4;
    /**
     * The connection's tracer threw and was detached ({@link Connection#tracerFailure()} says
     * what it threw); the connection itself goes on. Raised once.
     */
    public static final int TRACER_FAILED = 1 << 5;
}
