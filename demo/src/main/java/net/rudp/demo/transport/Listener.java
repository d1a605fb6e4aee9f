package net.rudp.demo.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A listening endpoint of a {@link Transport}. Closing it makes a blocked {@link #accept()} throw. */
public interface Listener extends Closeable {

    /** The address actually bound (with the chosen port when port 0 was asked for). */
    InetSocketAddress localAddress();

    /** Waits for the next incoming connection. */
    Conn accept() throws IOException;
}
