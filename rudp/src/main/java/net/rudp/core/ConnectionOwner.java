package net.rudp.core;

/** What a {@link Connection} tells the endpoint that owns it. */
interface ConnectionOwner {
    /** The connection has output, a new deadline or events: service it at the next flush. */
    void touched(Connection c);

    /** A server-side connection completed its handshake: queue it for accept(). */
    void established(Connection c);

    /** The memory every connection of the owner stores received data in (spec 10.5). */
    ReceiveMemory receiveMemory();
}
