package net.rudp.core;

/** An application on one connection of an {@link EndpointNode}; the node steps it whenever it flushes. */
interface SimApp {
    /** The connection this application uses, from now on. */
    void attach(Connection c);

    /** The connection, or null before {@link #attach}. */
    Connection connection();

    /** Does whatever the application can do at {@code nowNanos}: write, read, close. */
    void step(long nowNanos);

    /** When the application wants to run again by itself, or {@code Long.MAX_VALUE}. */
    default long wakeUp(long nowNanos) {
        return Long.MAX_VALUE;
    }
}
