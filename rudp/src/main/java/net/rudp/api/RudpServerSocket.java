package net.rudp.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import net.rudp.ConnectionConfig;
import net.rudp.EndpointStats;

/**
 * A rudp listener as a {@link java.net.ServerSocket}: one UDP port; every accepted connection
 * shares it (the endpoint tells them apart by connection id). {@link #accept()} returns
 * {@link RudpSocket}s.
 *
 * <pre>{@code
 * try (ServerSocket server = new RudpServerSocket(9000)) {
 *     try (Socket s = server.accept()) {
 *         s.getInputStream().transferTo(s.getOutputStream());
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #accept()} waits for a connection whose handshake completed;
 * {@link #setSoTimeout} bounds the wait ({@code SocketTimeoutException("Accept timed out")}).
 * The backlog bounds connections half-open or established but not yet accepted. Beyond it a call
 * is answered with a stateless cookie (spec 8.3; {@code -Drudp.callCookies=off|on_overflow|always},
 * default on_overflow), so a flood of spoofed calls does not lock real clients out; once the
 * connections waiting for accept alone fill it, a call is refused at once (the client's connect
 * throws "Connection refused: the server's accept queue is full"; Linux TCP would instead drop
 * the SYN and let the client retry). {@link #close()} stops listening: calls not
 * yet accepted are reset, accepted connections go on, and the port stays open until the last of
 * them ends. Binding an address another socket holds throws {@link java.net.BindException}.
 *
 * <p><b>Options.</b> {@code SO_TIMEOUT}: the accept timeout. {@code SO_RCVBUF} and the
 * {@link RudpSocketOptions} set what accepted connections get, before {@link #bind}; after it
 * the buffer size is a hint without effect and the others throw {@link SocketException} on a
 * different value. {@code SO_REUSEADDR} is accepted and read back (true by default, as on Linux)
 * and rudp always listens as if it were on: a port still serving a closed listener's connections
 * in this JVM can be bound again at once (the new listener shares that endpoint).
 * {@link RudpSocketOptions#CAPTURE}, set before {@link #bind}, captures every datagram of the
 * listener's endpoint to a pcapng file. {@link RudpSocketOptions#SERVER_LOOPS}, set before
 * {@link #bind}, serves the port with several loop threads, each on its own UDP socket, so that
 * several busy clients use several cores ({@code -Drudp.serverLoops=N} sets the default, 1).
 * {@link #setPerformancePreferences} does nothing; {@link #getChannel()} is null. Other options
 * throw {@link UnsupportedOperationException}.
 */
public final class RudpServerSocket extends ServerSocket {

    /** The backlog when none (or a value below 1) is given, as for ServerSocket. */
    public static final int DEFAULT_BACKLOG = 50;

    private final RudpServerSocketImpl impl;

    /** An unbound server socket with the default configuration; see {@link #bind}. */
    public RudpServerSocket() {
        this(ConnectionConfig.DEFAULT);
    }

    /**
     * An unbound server socket whose connections use {@code config}; see {@link #bind}.
     *
     * @param config the configuration accepted connections get (options set before bind change it)
     */
    public RudpServerSocket(ConnectionConfig config) {
        this(new RudpServerSocketImpl(config));
    }

    /**
     * Listens on {@code port} of every local address.
     *
     * @param port the UDP port (0: any free port)
     * @throws IOException a {@link java.net.BindException} if another socket holds the port
     */
    public RudpServerSocket(int port) throws IOException {
        this(port, DEFAULT_BACKLOG, null);
    }

    /**
     * Listens on {@code port} of every local address.
     *
     * @param port    the UDP port (0: any free port)
     * @param backlog calls half-open or not yet accepted before further ones are refused (below 1: 50)
     * @throws IOException a {@link java.net.BindException} if another socket holds the port
     */
    public RudpServerSocket(int port, int backlog) throws IOException {
        this(port, backlog, null);
    }

    /**
     * Listens on {@code bindAddress:port}.
     *
     * @param port        the UDP port (0: any free port)
     * @param backlog     calls half-open or not yet accepted before further ones are refused (below 1: 50)
     * @param bindAddress the local address (null: every local address)
     * @throws IOException a {@link java.net.BindException} if another socket holds the address
     */
    public RudpServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        this();
        listen(port, backlog, bindAddress);
    }

    private RudpServerSocket(RudpServerSocketImpl impl) {
        super(impl);
        this.impl = impl;
    }

    /** Binds to {@code bindAddress:port} and listens; closes this socket if that fails. */
    void listen(int port, int backlog, InetAddress bindAddress) throws IOException {
        if (port < 0 || port > 0xFFFF) throw new IllegalArgumentException("Port value out of range: " + port);
        try {
            bind(new InetSocketAddress(bindAddress, port), backlog);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Waits for the next connection.
     *
     * @throws java.net.SocketTimeoutException "Accept timed out" after {@link #setSoTimeout}
     * @throws SocketException                 "Socket closed" once closed, also for a thread
     *                                         waiting here when another thread closes it
     */
    @Override
    public RudpSocket accept() throws IOException {
        if (isClosed()) throw new SocketException("Socket is closed");
        if (!isBound()) throw new SocketException("Socket is not bound yet");
        // java.net.ServerSocket.accept() would make a platform (kernel TCP) socket to accept into.
        RudpSocket s = RudpSocket.forAccept(impl.config());
        implAccept(s);
        return s;
    }

    /**
     * A snapshot of the listening endpoint's counters: datagrams received, sent and dropped,
     * decode errors, RSTs sent, calls refused (backlog full), socket errors; for all its
     * connections (and all its loops) together. Still available after close.
     *
     * @return the snapshot
     * @throws SocketException if the socket is not bound yet
     */
    public EndpointStats endpointStats() throws SocketException {
        return impl.endpointStats();
    }

    /**
     * The configuration accepted connections use: the one given, as changed by options set before bind.
     *
     * @return the configuration
     */
    public ConnectionConfig config() {
        return impl.config();
    }

    @Override
    public String toString() {
        return "RudpServerSocket[" + impl + (isClosed() ? ", closed" : "") + "]";
    }
}
