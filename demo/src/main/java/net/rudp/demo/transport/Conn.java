package net.rudp.demo.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Optional;

/** One established connection of a {@link Transport}: a byte stream each way. */
public interface Conn extends Closeable {

    /** The bytes the peer sends; end of stream once the peer shut down its output. */
    InputStream input() throws IOException;

    /** The bytes to send to the peer. */
    OutputStream output() throws IOException;

    /** Sends end of stream to the peer (a FIN) while still reading what the peer sends. */
    void shutdownOutput() throws IOException;

    /** The peer's address. */
    InetSocketAddress remoteAddress();

    /**
     * What the transport can tell about this connection so far (its congestion controller, RTT,
     * window, retransmissions), or empty when it can tell nothing. Any thread may ask, also while
     * another one reads or writes.
     */
    Optional<TransportStats> stats();
}
