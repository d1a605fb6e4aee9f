package net.rudp.demo.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;

/**
 * A reliable byte-stream transport as the demo sees it: the factories that make its
 * {@link Socket}s and {@link ServerSocket}s (kernel TCP's or rudp's), and what it can tell about
 * a connection. Every demo subcommand is written against this interface and java.net only, so
 * adding a transport is one class plus one line in {@link Transports}.
 */
public interface Transport {

    /** The short name used on the command line and in reports, e.g. {@code "tcp"}. */
    String name();

    /** Makes this transport's client sockets. */
    SocketFactory sockets();

    /** Makes this transport's listeners. */
    ServerSocketFactory servers();

    /**
     * The {@code internal-endpoint} options that make a child process build this same transport
     * (for example rudp's datagram size); empty when the defaults are all there is.
     */
    default List<String> endpointOptions() {
        return List.of();
    }

    /**
     * Listens on {@code local} (port 0 picks a free port; {@link ServerSocket#getLocalPort()}
     * tells which). Accept with {@link #accept(ServerSocket)}.
     *
     * @param backlog how many not yet accepted connections may wait
     */
    default ServerSocket listen(InetSocketAddress local, int backlog) throws IOException {
        return servers().createServerSocket(local.getPort(), backlog, local.getAddress());
    }

    /** Waits for the next connection to {@code listener}, one this transport's {@link #listen} made. */
    default Socket accept(ServerSocket listener) throws IOException {
        return listener.accept();
    }

    /** Opens a connection to {@code remote}, failing if it is not established within {@code timeout}. */
    default Socket connect(InetSocketAddress remote, Duration timeout) throws IOException {
        Socket socket = sockets().createSocket();
        try {
            socket.connect(remote, Math.toIntExact(Math.max(1, timeout.toMillis())));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /**
     * What the transport can tell about {@code connection}, one of its sockets, so far (its
     * congestion controller, RTT, window, retransmissions), or empty when it can tell nothing.
     * Any thread may ask, also while another one reads or writes.
     */
    Optional<TransportStats> stats(Socket connection);
}
