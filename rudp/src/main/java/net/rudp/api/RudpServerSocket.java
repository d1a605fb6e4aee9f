package net.rudp.api;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Objects;
import net.rudp.core.ConnectionConfig;
import net.rudp.io.Acceptor;
import net.rudp.io.BlockingConnection;
import net.rudp.io.EndpointDriver;

/**
 * A rudp listener shaped like {@link java.net.ServerSocket}: one UDP port; every accepted
 * connection shares it (the endpoint tells them apart by connection id).
 *
 * <pre>{@code
 * try (RudpServerSocket server = new RudpServerSocket(9000)) {
 *     try (RudpSocket s = server.accept()) {
 *         s.getInputStream().transferTo(s.getOutputStream());
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #accept()} waits for a connection whose handshake completed;
 * {@link #setSoTimeout} bounds the wait ({@code SocketTimeoutException("Accept timed out")}).
 * The backlog bounds connections half-open or established but not yet accepted; a call beyond
 * it is refused at once (the client's connect throws "Connection refused"; Linux TCP would
 * instead drop the SYN and let the client retry). {@link #close()} stops listening: calls not
 * yet accepted are reset, accepted connections go on, and the port stays open until the last of
 * them ends. Binding an address another socket holds throws {@link java.net.BindException}; as
 * with {@code SO_REUSEADDR}, a port still serving a closed listener's connections in this JVM
 * can be bound again at once (the new listener shares that endpoint).
 */
public final class RudpServerSocket implements Closeable {

    /** The backlog when none (or a value below 1) is given, as for ServerSocket. */
    public static final int DEFAULT_BACKLOG = 50;

    private final ConnectionConfig config;
    private volatile Acceptor acceptor;
    private volatile boolean closed;
    private volatile int soTimeoutMillis;

    /** An unbound server socket with the default configuration; see {@link #bind}. */
    public RudpServerSocket() {
        this(ConnectionConfig.DEFAULT);
    }

    /** An unbound server socket whose connections use {@code config}; see {@link #bind}. */
    public RudpServerSocket(ConnectionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Listens on {@code port} (0: any free port) of every local address. */
    public RudpServerSocket(int port) throws IOException {
        this(port, DEFAULT_BACKLOG, null);
    }

    public RudpServerSocket(int port, int backlog) throws IOException {
        this(port, backlog, null);
    }

    /** Listens on {@code bindAddress:port} (a null address: every local address). */
    public RudpServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        this(ConnectionConfig.DEFAULT);
        if (port < 0 || port > 0xFFFF) throw new IllegalArgumentException("Port value out of range: " + port);
        bind(bindAddress == null ? new InetSocketAddress(port) : new InetSocketAddress(bindAddress, port), backlog);
    }

    public void bind(SocketAddress local) throws IOException {
        bind(local, DEFAULT_BACKLOG);
    }

    /**
     * Binds to {@code local} (null: any free port of every local address) and listens.
     *
     * @throws java.net.BindException if another socket holds the address
     */
    public synchronized void bind(SocketAddress local, int backlog) throws IOException {
        if (closed) throw new SocketException("Socket is closed");
        if (acceptor != null) throw new SocketException("Already bound");
        InetSocketAddress address = local == null ? new InetSocketAddress(0) : Addresses.inet(local);
        if (address.isUnresolved()) throw new SocketException("Unresolved address: " + address);
        acceptor = EndpointDriver.listen(address, backlog < 1 ? DEFAULT_BACKLOG : backlog, config);
    }

    /**
     * Waits for the next connection.
     *
     * @throws java.net.SocketTimeoutException "Accept timed out" after {@link #setSoTimeout}
     * @throws SocketException                 "Socket closed" once closed, also for a thread
     *                                         waiting here when another thread closes it
     */
    public RudpSocket accept() throws IOException {
        if (closed) throw new SocketException("Socket is closed");
        Acceptor a = acceptor;
        if (a == null) throw new SocketException("Socket is not bound yet");
        int ms = soTimeoutMillis;
        BlockingConnection c = a.accept(ms == 0 ? BlockingConnection.FOREVER : ms * 1_000_000L);
        return new RudpSocket(c, config);
    }

    /** Accept timeout in milliseconds; 0 waits forever. */
    public void setSoTimeout(int timeoutMillis) throws SocketException {
        if (timeoutMillis < 0) throw new IllegalArgumentException("timeout < 0");
        if (closed) throw new SocketException("Socket is closed");
        soTimeoutMillis = timeoutMillis;
    }

    public int getSoTimeout() throws SocketException {
        if (closed) throw new SocketException("Socket is closed");
        return soTimeoutMillis;
    }

    /** Stops listening; accepted connections are not affected. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        Acceptor a = acceptor;
        if (a != null) a.close();
    }

    public boolean isClosed() {
        return closed;
    }

    public boolean isBound() {
        return acceptor != null;
    }

    /** The bound port, or -1 if not bound. */
    public int getLocalPort() {
        Acceptor a = acceptor;
        return a == null ? -1 : a.localAddress().getPort();
    }

    /** The bound address, or null if not bound. */
    public SocketAddress getLocalSocketAddress() {
        Acceptor a = acceptor;
        return a == null ? null : a.localAddress();
    }

    /** The bound local address, or null if not bound. */
    public InetAddress getInetAddress() {
        Acceptor a = acceptor;
        return a == null ? null : a.localAddress().getAddress();
    }

    public ConnectionConfig config() {
        return config;
    }

    @Override
    public String toString() {
        Acceptor a = acceptor;
        return a == null ? "RudpServerSocket[unbound]" : "RudpServerSocket[" + a.localAddress() + (closed ? ", closed" : "") + "]";
    }

}
