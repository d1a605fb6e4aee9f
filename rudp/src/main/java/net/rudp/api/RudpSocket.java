package net.rudp.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import net.rudp.core.ConnectionConfig;
import net.rudp.core.ConnectionStats;
import net.rudp.io.BlockingConnection;
import net.rudp.io.EndpointDriver;

/**
 * A rudp connection shaped like {@link java.net.Socket}: a reliable, ordered byte stream over UDP.
 *
 * <pre>{@code
 * try (RudpSocket s = new RudpSocket("127.0.0.1", 9000)) {
 *     s.getOutputStream().write("hello".getBytes());
 *     s.shutdownOutput();
 *     byte[] reply = s.getInputStream().readAllBytes();
 * }
 * }</pre>
 *
 * <p><b>Like a Socket.</b> {@code read} blocks until at least one byte arrives, returns -1 after
 * the peer's FIN, and throws {@code SocketTimeoutException("Read timed out")} after
 * {@link #setSoTimeout}. {@code write} returns once the bytes are in the send buffer (not when
 * they are delivered) and blocks while it is full. {@link #close()} is graceful: it returns at
 * once and data already written is still delivered (the endpoint lives until the FIN is
 * acknowledged or the connection times out); closing with received data unread resets the
 * connection, as TCP does. {@link #abort()} or {@code setSoLinger(true, 0)} sends RST. Errors
 * carry Linux's {@code java.net.Socket} messages: "Connection refused", "Connection reset",
 * "Connection timed out", "Socket closed", "Socket output is shutdown".
 *
 * <p><b>Unlike a Socket.</b> An outgoing connection binds its own UDP port (its own endpoint,
 * with its own event-loop thread). A connect timeout, whether the caller's or the configured
 * {@link ConnectionConfig#connectTimeoutNanos()}, throws {@code SocketTimeoutException("Connect
 * timed out")}. A failed connect closes the socket.
 *
 * <p><b>Threads.</b> Any thread may call any method; as with a Socket, use one reader and one
 * writer at a time. {@link #close()} from another thread makes blocked reads and writes throw
 * "Socket closed".
 */
public final class RudpSocket implements Closeable {

    private final ConnectionConfig config;
    private final AtomicBoolean connectStarted = new AtomicBoolean();
    private final InputStream input = new SocketInputStream();
    private final OutputStream output = new SocketOutputStream();
    private volatile BlockingConnection connection;
    private volatile InetSocketAddress bindAddress;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile boolean inputShutdown;
    private volatile boolean outputShutdown;
    private volatile int soTimeoutMillis;
    private volatile int lingerSeconds = -1;

    /** An unconnected socket with the default configuration. */
    public RudpSocket() {
        this(ConnectionConfig.DEFAULT);
    }

    /** An unconnected socket whose connection will use {@code config} (datagram size, buffers, congestion control...). */
    public RudpSocket(ConnectionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Connects to {@code host:port}, waiting without limit (the configured connect timeout still applies). */
    public RudpSocket(String host, int port) throws IOException {
        this();
        connect(new InetSocketAddress(host, port), 0);
    }

    /** Connects to {@code address:port}, waiting without limit (the configured connect timeout still applies). */
    public RudpSocket(InetAddress address, int port) throws IOException {
        this();
        connect(new InetSocketAddress(address, port), 0);
    }

    /** An accepted connection. */
    RudpSocket(BlockingConnection accepted, ConnectionConfig config) {
        this(config);
        connectStarted.set(true);
        connection = accepted;
        connected = true;
    }

    /** Binds the local end before {@link #connect}; null or port 0 picks any free port. */
    public void bind(SocketAddress local) throws IOException {
        if (closed) throw new SocketException("Socket is closed");
        if (connectStarted.get() || bindAddress != null) throw new SocketException("Already bound");
        bindAddress = local == null ? new InetSocketAddress(0) : Addresses.inet(local);
    }

    /** Connects, waiting without limit (the configured connect timeout still applies). */
    public void connect(SocketAddress remote) throws IOException {
        connect(remote, 0);
    }

    /**
     * Opens the connection: binds a UDP port (unless {@link #bind} chose one) and completes the
     * handshake within {@code timeoutMillis} (0: the configured connect timeout only).
     *
     * @throws java.net.ConnectException       "Connection refused": nobody listens there, or the
     *                                         listener's backlog is full
     * @throws java.net.SocketTimeoutException "Connect timed out"
     * @throws IllegalArgumentException        if the timeout is negative
     */
    public void connect(SocketAddress remote, int timeoutMillis) throws IOException {
        if (timeoutMillis < 0) throw new IllegalArgumentException("connect: timeout can't be negative");
        InetSocketAddress to = Addresses.inet(Objects.requireNonNull(remote, "remote"));
        if (to.isUnresolved()) throw new UnknownHostException(to.getHostName());
        if (closed) throw new SocketException("Socket is closed");
        if (!connectStarted.compareAndSet(false, true)) throw new SocketException("already connected");
        ConnectionConfig c = timeoutMillis == 0 ? config : config.withConnectTimeout(timeoutMillis * 1_000_000L);
        BlockingConnection conn;
        try {
            conn = EndpointDriver.connect(bindAddress, to, c);
        } catch (IOException e) {
            closed = true;
            throw e;
        }
        connection = conn;
        if (closed) { // close() raced with this connect and did not see the connection
            conn.abort();
            throw new SocketException("Socket closed");
        }
        try {
            conn.awaitConnected(timeoutMillis == 0 ? BlockingConnection.FOREVER : timeoutMillis * 1_000_000L);
        } catch (IOException e) {
            closed = true;
            conn.abort();
            throw e;
        }
        connected = true;
    }

    /** The stream to read from (the same object every time). Closing it closes the socket. */
    public InputStream getInputStream() throws IOException {
        connected();
        if (inputShutdown) throw new SocketException("Socket input is shutdown");
        return input;
    }

    /** The stream to write to (the same object every time). Closing it closes the socket. */
    public OutputStream getOutputStream() throws IOException {
        connected();
        if (outputShutdown) throw new SocketException("Socket output is shutdown");
        return output;
    }

    /** Read timeout in milliseconds; 0 waits forever. */
    public void setSoTimeout(int timeoutMillis) throws SocketException {
        if (timeoutMillis < 0) throw new IllegalArgumentException("timeout can't be negative");
        if (closed) throw new SocketException("Socket is closed");
        soTimeoutMillis = timeoutMillis;
    }

    public int getSoTimeout() throws SocketException {
        if (closed) throw new SocketException("Socket is closed");
        return soTimeoutMillis;
    }

    /**
     * As {@link java.net.Socket#setSoLinger}: with {@code on} and 0, {@link #close()} aborts
     * (RST); with {@code on} and n seconds, close waits up to n seconds for the peer to
     * acknowledge everything written; otherwise close returns at once and delivery goes on.
     */
    public void setSoLinger(boolean on, int lingerSeconds) throws SocketException {
        if (closed) throw new SocketException("Socket is closed");
        if (on && lingerSeconds < 0) throw new IllegalArgumentException("invalid value for SO_LINGER");
        this.lingerSeconds = on ? Math.min(lingerSeconds, 65_535) : -1;
    }

    /** The linger time in seconds, or -1 if disabled. */
    public int getSoLinger() throws SocketException {
        if (closed) throw new SocketException("Socket is closed");
        return lingerSeconds;
    }

    /** Half-close: the peer reads end of stream after the data already written; reading goes on. */
    public void shutdownOutput() throws IOException {
        BlockingConnection c = connected();
        if (outputShutdown) throw new SocketException("Socket output is already shutdown");
        outputShutdown = true;
        c.shutdownOutput();
    }

    /** Reads return end of stream from now on (data the peer still sends is not delivered). */
    public void shutdownInput() throws IOException {
        BlockingConnection c = connected();
        if (inputShutdown) throw new SocketException("Socket input is already shutdown");
        inputShutdown = true;
        c.shutdownInput();
    }

    public boolean isInputShutdown() {
        return inputShutdown;
    }

    public boolean isOutputShutdown() {
        return outputShutdown;
    }

    /**
     * Closes the socket: gracefully (see the class comment), or as {@link #setSoLinger} says.
     * Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        BlockingConnection c = connection;
        if (c == null) return;
        int linger = lingerSeconds;
        if (linger == 0) {
            c.abort();
            return;
        }
        c.close();
        if (linger > 0) c.awaitOutputDrained(linger * 1_000_000_000L);
    }

    /** Abortive close: sends RST; unsent and unread data is dropped. The same as {@code setSoLinger(true, 0)} then {@link #close()}. */
    public void abort() {
        closed = true;
        BlockingConnection c = connection;
        if (c != null) c.abort();
    }

    /** Whether the socket was ever connected (stays true after close, as for a Socket). */
    public boolean isConnected() {
        return connected;
    }

    public boolean isClosed() {
        return closed;
    }

    public boolean isBound() {
        return bindAddress != null || connection != null;
    }

    /** The peer's address, or null if not connected. */
    public SocketAddress getRemoteSocketAddress() {
        BlockingConnection c = connection;
        return c == null ? null : c.remoteAddress();
    }

    public InetAddress getInetAddress() {
        BlockingConnection c = connection;
        return c == null ? null : c.remoteAddress().getAddress();
    }

    /** The peer's port, or 0 if not connected. */
    public int getPort() {
        BlockingConnection c = connection;
        return c == null ? 0 : c.remoteAddress().getPort();
    }

    /** The local UDP address (an accepted socket shares its server's), or null if not bound. */
    public SocketAddress getLocalSocketAddress() {
        BlockingConnection c = connection;
        return c != null ? c.localAddress() : bindAddress;
    }

    /** The local UDP port, or -1 if not bound. */
    public int getLocalPort() {
        SocketAddress a = getLocalSocketAddress();
        return a == null ? -1 : ((InetSocketAddress) a).getPort();
    }

    /** A snapshot of the connection's state, RTT, windows and counters (like {@code ss -ti}). */
    /**
     * Traces the connection's packets, losses and window changes from now on, e.g. with a
     * {@link net.rudp.core.JsonLinesTracer}; null stops. The tracer is called on the endpoint's
     * event-loop thread: it must be quick and must not call back into this socket.
     *
     * @throws SocketException if the socket is not connected
     */
    public void setTracer(net.rudp.core.ConnectionTracer tracer) throws SocketException {
        BlockingConnection c = connection;
        if (c == null) throw new SocketException("Socket is not connected");
        c.setTracer(tracer);
    }

    public ConnectionStats stats() throws SocketException {
        BlockingConnection c = connection;
        if (c == null) throw new SocketException("Socket is not connected");
        return c.stats();
    }

    public ConnectionConfig config() {
        return config;
    }

    @Override
    public String toString() {
        BlockingConnection c = connection;
        return c == null ? "RudpSocket[unconnected]"
            : "RudpSocket[" + c.localAddress() + " <-> " + c.remoteAddress() + (closed ? ", closed" : "") + "]";
    }

    private BlockingConnection connected() throws SocketException {
        if (closed) throw new SocketException("Socket is closed");
        BlockingConnection c = connection;
        if (c == null) throw new SocketException("Socket is not connected");
        return c;
    }


    private long readTimeoutNanos() {
        int ms = soTimeoutMillis;
        return ms == 0 ? BlockingConnection.FOREVER : ms * 1_000_000L;
    }

    /** Reads go straight to the connection's receive buffer; no buffering of its own. */
    private final class SocketInputStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            return stream().read(b, off, len, readTimeoutNanos());
        }

        @Override
        public int available() throws IOException {
            return stream().available();
        }

        @Override
        public void close() throws IOException {
            RudpSocket.this.close();
        }
    }

    /** Writes go straight to the connection's send buffer: flush() has nothing to do. */
    private final class SocketOutputStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            stream().write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            RudpSocket.this.close();
        }
    }

    /** The connection for a stream operation; a closed socket's streams throw "Socket closed", as a Socket's do. */
    private BlockingConnection stream() throws SocketException {
        if (closed) throw new SocketException("Socket closed");
        return connection;
    }
}
