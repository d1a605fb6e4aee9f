package net.rudp.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketOptions;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.util.Objects;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionStats;
import net.rudp.ConnectionTracer;
import net.rudp.EndpointStats;
import net.rudp.io.BlockingConnection;
import net.rudp.io.EndpointDriver;

/**
 * The {@link SocketImpl} behind an {@link RudpSocket}: one rudp connection, opened by
 * {@link #connect(SocketAddress, int)} or handed over by a listener's accept. {@link java.net.Socket}
 * keeps the socket's state (bound, connected, closed, shut down) and checks calls against it; this
 * class does the I/O and holds the options.
 */
final class RudpSocketImpl extends OptionedSocketImpl {

    /**
     * The handshake's own limit for a client: none, in effect (about 73 years, so that the core's
     * {@code start + timeout} cannot overflow). {@code connect(address, 0)} waits without limit as
     * java.net.Socket does, and a caller's timeout is enforced by the wait for the handshake.
     */
    private static final long NO_CONNECT_LIMIT_NANOS = Long.MAX_VALUE / 4;

    private final InputStream input = new ConnectionInputStream();
    private final OutputStream output = new ConnectionOutputStream();
    private volatile BlockingConnection connection;
    private volatile InetSocketAddress bindAddress;
    private volatile boolean closed;
    private volatile boolean abortOnClose;

    /**
     * An impl for a socket that will connect with {@code config}. The options it keeps besides
     * the configuration: see RudpSocket's option table.
     */
    RudpSocketImpl(ConnectionConfig config) {
        super(new OptionTable(config, ConnectionOptions.CONNECTION, "rudp sockets")
            .keep(OptionTable.SO_TIMEOUT, 0, OptionTable::notNegative)
            .keep(StandardSocketOptions.SO_LINGER, -1, seconds -> seconds < 0 ? -1 : Math.min(seconds, 65_535))
            .keep(StandardSocketOptions.TCP_NODELAY, true, on -> true) // rudp never delays small writes
            .keep(StandardSocketOptions.SO_REUSEADDR, false, on -> on)
            .keep(StandardSocketOptions.IP_TOS, 0, RudpSocketImpl::trafficClass)
            .keep(OptionTable.SO_OOBINLINE, false, on -> on)
            .keepNullable(RudpSocketOptions.CAPTURE));
    }

    private static Integer trafficClass(Integer tos) {
        if (tos < 0 || tos > 255) throw new IllegalArgumentException("IP_TOS must be in [0, 255]: " + tos);
        return tos;
    }

    // ---------------------------------------------------------------- what RudpSocket adds

    ConnectionConfig config() {
        return options.connection().config();
    }

    ConnectionStats stats() throws SocketException {
        return opened().stats();
    }

    EndpointStats endpointStats() throws SocketException {
        return opened().driver().endpointStats();
    }

    void setTracer(ConnectionTracer tracer) throws SocketException {
        opened().setTracer(tracer);
    }

    /** Makes the next close abortive, as SO_LINGER 0 does. */
    void abortOnClose() {
        abortOnClose = true;
    }

    /** Takes over a connection a listener accepted (called while java.net.ServerSocket accepts into this impl). */
    void attachAccepted(BlockingConnection accepted) {
        connection = accepted;
        options.connection().open();
        addressesFrom(accepted);
    }

    // ---------------------------------------------------------------- life cycle

    @Override
    protected void create(boolean stream) throws IOException {
        if (!stream) throw new IOException("rudp sockets are streams: no datagram Socket over rudp");
    }

    /** Records the local address; the UDP port itself is taken when the socket connects. */
    @Override
    protected void bind(InetAddress host, int port) throws IOException {
        bindAddress = new InetSocketAddress(host, port);
        localport = port;
    }

    @Override
    protected void connect(String host, int port) throws IOException {
        connect(new InetSocketAddress(host, port), 0);
    }

    @Override
    protected void connect(InetAddress host, int port) throws IOException {
        connect(new InetSocketAddress(host, port), 0);
    }

    /**
     * Opens the connection (binding a UDP port unless {@link #bind} chose one) and waits for the
     * handshake: up to {@code timeoutMillis}, or without limit for 0. On failure
     * {@link java.net.Socket#connect} closes the socket.
     */
    @Override
    protected void connect(SocketAddress address, int timeoutMillis) throws IOException {
        if (!(address instanceof InetSocketAddress to)) throw new IllegalArgumentException("Unsupported address type: " + address);
        if (to.isUnresolved()) throw new UnknownHostException(to.getHostName());
        if (closed) throw new SocketException("Socket is closed");
        if (connection != null) throw new SocketException("Already connected");
        // The caller's timeout is the wait below, which abandons the call when it expires; the
        // handshake itself never gives up first. One configuration for every timeout also lets
        // connections share client endpoints (they are pooled by configuration).
        BlockingConnection c = EndpointDriver.connect(bindAddress, to,
            options.connection().open().withConnectTimeout(NO_CONNECT_LIMIT_NANOS), options.get(RudpSocketOptions.CAPTURE));
        connection = c;
        if (closed) { // close() raced with this connect and did not see the connection
            c.abort();
            throw new SocketException("Socket closed");
        }
        addressesFrom(c);
        try {
            c.awaitConnected(timeoutMillis == 0 ? BlockingConnection.FOREVER : timeoutMillis * 1_000_000L);
        } catch (IOException e) {
            c.abort();
            throw e;
        }
    }

    private void addressesFrom(BlockingConnection c) {
        address = c.remoteAddress().getAddress();
        port = c.remoteAddress().getPort();
        localport = c.localAddress().getPort();
    }

    /** Gracefully, or abortively or lingering as {@code SO_LINGER} says (see {@link RudpSocket#close()}). Idempotent. */
    @Override
    protected void close() throws IOException {
        if (closed) return;
        closed = true;
        BlockingConnection c = connection;
        if (c == null) return;
        int linger = abortOnClose ? 0 : options.get(StandardSocketOptions.SO_LINGER);
        if (linger == 0) {
            c.abort();
            return;
        }
        c.close();
        if (linger > 0) c.awaitOutputDrained(linger * 1_000_000_000L);
    }

    @Override
    protected void shutdownInput() throws IOException {
        opened().shutdownInput();
    }

    @Override
    protected void shutdownOutput() throws IOException {
        opened().shutdownOutput();
    }

    @Override
    protected InputStream getInputStream() {
        return input;
    }

    @Override
    protected OutputStream getOutputStream() {
        return output;
    }

    @Override
    protected int available() throws IOException {
        return stream().available();
    }

    /** Never reached through java.net.Socket, which asks {@link #supportsUrgentData()} (false) first. */
    @Override
    protected void sendUrgentData(int data) throws IOException {
        throw new SocketException("Urgent data not supported: rudp has no urgent pointer (TCP's URG)");
    }

    @Override
    protected void listen(int backlog) {
        throw new UnsupportedOperationException("listen: an RudpSocket connects; RudpServerSocket listens");
    }

    @Override
    protected void accept(SocketImpl s) {
        throw new UnsupportedOperationException("accept: an RudpSocket connects; RudpServerSocket accepts");
    }

    // ---------------------------------------------------------------- options

    /** The numeric form, with {@code SO_BINDADDR} (read-only), which java.net.Socket reads for {@code getLocalAddress()}. */
    @Override
    public void setOption(int id, Object value) throws SocketException {
        if (id == SocketOptions.SO_BINDADDR) throw new SocketException("SO_BINDADDR is read-only");
        super.setOption(id, value);
    }

    @Override
    public Object getOption(int id) throws SocketException {
        return id == SocketOptions.SO_BINDADDR ? localInetAddress() : super.getOption(id);
    }

    private InetAddress localInetAddress() {
        BlockingConnection c = connection;
        if (c != null) return c.localAddress().getAddress();
        InetSocketAddress b = bindAddress;
        return b != null ? b.getAddress() : new InetSocketAddress(0).getAddress();
    }

    // ---------------------------------------------------------------- streams

    /** The connection, for a call that needs one: "Socket is not connected" before it opened. */
    private BlockingConnection opened() throws SocketException {
        BlockingConnection c = connection;
        if (c == null) throw new SocketException("Socket is not connected");
        return c;
    }

    /** The connection for a stream operation; a closed socket's streams throw "Socket closed", as a Socket's do. */
    private BlockingConnection stream() throws SocketException {
        if (closed) throw new SocketException("Socket closed");
        return opened();
    }

    private long readTimeoutNanos() {
        int ms = options.get(OptionTable.SO_TIMEOUT);
        return ms == 0 ? BlockingConnection.FOREVER : ms * 1_000_000L;
    }

    /** Reads go straight to the connection's receive buffer; no buffering of its own. */
    private final class ConnectionInputStream extends InputStream {
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
    }

    /** Writes go straight to the connection's send buffer: flush() has nothing to do. */
    private final class ConnectionOutputStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            stream().write(b, off, len);
        }
    }

    @Override
    public String toString() {
        BlockingConnection c = connection;
        return c == null ? "unconnected" : c.localAddress() + " <-> " + c.remoteAddress();
    }
}
