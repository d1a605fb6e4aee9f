package net.rudp.demo.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * A reliable byte-stream transport as the demo sees it: kernel TCP, rudp, or anything else that
 * can listen, connect and move bytes. Every demo subcommand is written against this interface
 * only, so adding a transport is one class plus one line in {@link Transports}.
 */
public interface Transport {

    /** The short name used on the command line and in reports, e.g. {@code "tcp"}. */
    String name();

    /**
     * Listens on {@code local} (port 0 picks a free port; {@link Listener#localAddress()} tells
     * which).
     *
     * @param backlog how many not yet accepted connections may wait
     */
    Listener listen(InetSocketAddress local, int backlog) throws IOException;

    /**
     * The {@code internal-endpoint} options that make a child process build this same transport
     * (for example rudp's datagram size); empty when the defaults are all there is.
     */
    default List<String> endpointOptions() {
        return List.of();
    }

    /** Opens a connection to {@code remote}, failing if it is not established within {@code timeout}. */
    Conn connect(InetSocketAddress remote, Duration timeout) throws IOException;
}
