package net.rudp.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.StandardSocketOptions;
import java.util.Objects;
import net.rudp.ConnectionConfig;
import net.rudp.EndpointStats;
import net.rudp.io.Acceptor;
import net.rudp.io.BlockingConnection;
import net.rudp.io.EndpointDriver;

/**
 * The {@link SocketImpl} behind an {@link RudpServerSocket}: one rudp listener. java.net's
 * ServerSocket binds and then listens; rudp opens its endpoint and listens in one step, so
 * {@link #bind} only records the address and {@link #listen} opens the endpoint (a taken port
 * throws {@link java.net.BindException} there, still inside {@code ServerSocket.bind}).
 */
final class RudpServerSocketImpl extends OptionedSocketImpl {

    private volatile InetSocketAddress bindAddress;
    private volatile Acceptor acceptor;

    /**
     * A listener whose connections get {@code config}. {@code SO_REUSEADDR} is kept only to be
     * read back (true, as on Linux): rudp listens as if it were on (see RudpServerSocket).
     */
    RudpServerSocketImpl(ConnectionConfig config) {
        super(new OptionTable(config, ConnectionOptions.LISTENER, "rudp server sockets")
            .keep(OptionTable.SO_TIMEOUT, 0, OptionTable::notNegative)
            .keep(StandardSocketOptions.SO_REUSEADDR, true, on -> on)
            .keepNullable(RudpSocketOptions.CAPTURE)
            .keep(RudpSocketOptions.SERVER_LOOPS, 0, RudpServerSocketImpl::notNegativeLoops));
    }

    private static Integer notNegativeLoops(Integer loops) {
        if (loops < 0) throw new IllegalArgumentException("server loops can't be negative (0: as -Drudp.serverLoops says)");
        return loops;
    }

    /** The configuration accepted connections get. */
    ConnectionConfig config() {
        return options.connection().config();
    }

    /** The listening endpoint's counts; "Socket is not bound yet" before {@link #listen}. */
    EndpointStats endpointStats() throws SocketException {
        Acceptor a = acceptor;
        if (a == null) throw new SocketException("Socket is not bound yet");
        return a.endpointStats();
    }

    @Override
    protected void create(boolean stream) throws IOException {
        if (!stream) throw new IOException("rudp sockets are streams: no datagram ServerSocket over rudp");
    }

    @Override
    protected void bind(InetAddress host, int port) {
        bindAddress = new InetSocketAddress(host, port);
    }

    /** Opens the endpoint on the recorded address and listens; after this the configuration is fixed. */
    @Override
    protected void listen(int backlog) throws IOException {
        InetSocketAddress local = Objects.requireNonNull(bindAddress, "listen before bind");
        Acceptor a = EndpointDriver.listen(local, backlog, options.connection().open(), options.get(RudpSocketOptions.CAPTURE),
            options.get(RudpSocketOptions.SERVER_LOOPS));
        acceptor = a;
        address = local.getAddress();
        localport = a.localAddress().getPort();
    }

    /** Waits for the next connection (up to {@code SO_TIMEOUT}) and hands it to {@code s}. */
    @Override
    protected void accept(SocketImpl s) throws IOException {
        if (!(s instanceof RudpSocketImpl target)) {
            throw new SocketException("an rudp listener accepts into rudp sockets only, not " + s.getClass().getName());
        }
        int ms = options.get(OptionTable.SO_TIMEOUT);
        BlockingConnection c = acceptor.accept(ms == 0 ? BlockingConnection.FOREVER : ms * 1_000_000L);
        target.attachAccepted(c);
    }

    /** Stops listening; accepted connections are not affected. Idempotent. */
    @Override
    protected void close() {
        Acceptor a = acceptor;
        if (a != null) a.close();
    }

    // ---------------------------------------------------------------- what a listener does not do

    @Override
    protected void connect(String host, int port) {
        throw notAConnection("connect");
    }

    @Override
    protected void connect(InetAddress host, int port) {
        throw notAConnection("connect");
    }

    @Override
    protected void connect(SocketAddress address, int timeout) {
        throw notAConnection("connect");
    }

    @Override
    protected InputStream getInputStream() {
        throw notAConnection("getInputStream");
    }

    @Override
    protected OutputStream getOutputStream() {
        throw notAConnection("getOutputStream");
    }

    @Override
    protected int available() {
        throw notAConnection("available");
    }

    @Override
    protected void sendUrgentData(int data) {
        throw notAConnection("sendUrgentData");
    }

    private static UnsupportedOperationException notAConnection(String method) {
        return new UnsupportedOperationException(method + ": an RudpServerSocket listens; its accepted RudpSockets carry data");
    }

    @Override
    public String toString() {
        Acceptor a = acceptor;
        return a == null ? "unbound" : a.localAddress().toString();
    }
}
