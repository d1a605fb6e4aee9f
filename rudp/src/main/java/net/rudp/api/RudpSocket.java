package net.rudp.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionStats;
import net.rudp.ConnectionTracer;
import net.rudp.EndpointStats;
import net.rudp.io.EndpointDriver;

/**
 * A rudp connection as a {@link java.net.Socket}: a reliable, ordered byte stream over UDP, usable
 * wherever a Socket is (TLS through {@link javax.net.ssl.SSLSocketFactory#createSocket(Socket,
 * String, int, boolean)}, HTTP clients through {@link RudpSocketFactory}, RMI through
 * {@link RudpRmiClientSocketFactory}).
 *
 * <pre>{@code
 * try (Socket s = new RudpSocket("127.0.0.1", 9000)) {
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
 * "Connection timed out", "Socket closed", "Socket output is shutdown". A failed connect closes
 * the socket. {@link #connect(SocketAddress, int)} with 0 waits without limit, as a Socket's does
 * (a listener still drops a half-open call after {@link ConnectionConfig#connectTimeoutNanos()}).
 *
 * <p><b>Unlike a Socket.</b> An outgoing connection without {@link #bind} joins one of this
 * JVM's few shared client endpoints (one UDP port and one event-loop thread carry many
 * connections, as a QUIC endpoint does), so several sockets may report the same local port; after
 * {@link #bind} it gets an endpoint of its own on that address. {@link #bind} only records the
 * address: the UDP port is taken, and a {@link java.net.BindException} thrown, when the socket
 * connects, so {@link #getLocalPort()} reports the requested port (0: any) until then. A connect timeout
 * throws {@code SocketTimeoutException("Connect timed out")}. {@link #getChannel()} is null, as
 * for any socket not made by a {@link java.nio.channels.SocketChannel}; {@link #sendUrgentData}
 * throws {@code SocketException("Urgent data not supported")}: rudp has no urgent pointer.
 *
 * <p><b>Options.</b> Each maps to the connection's {@link ConnectionConfig} or is accepted and
 * documented as without effect. The configuration options apply when set before
 * {@code connect}; an accepted socket has its listener's.
 * <table>
 *   <caption>Socket options on rudp</caption>
 *   <tr><th>option</th><th>on rudp</th></tr>
 *   <tr><td>{@code SO_TIMEOUT}</td><td>read timeout, as for TCP</td></tr>
 *   <tr><td>{@code SO_LINGER}</td><td>0: close sends RST; n seconds: close waits up to n s until
 *       the peer has acknowledged everything written and the FIN; off (default): close returns at once</td></tr>
 *   <tr><td>{@code SO_SNDBUF}, {@code SO_RCVBUF}</td><td>the connection's send buffer and receive
 *       buffer (the advertised window's ceiling); 4 MiB by default. Hints after connect: accepted,
 *       ignored, and the getter tells the size in force</td></tr>
 *   <tr><td>{@code SO_KEEPALIVE}</td><td><b>on by default</b>, unlike TCP: a PROBE after 15 s
 *       without traffic, failure after 60 s of silence. A NAT keeps an idle UDP mapping for as
 *       little as 2 minutes (RFC 4787 REQ-5), and often for 30 s, where it keeps an established
 *       TCP mapping for at least 2 hours (RFC 5382 REQ-5): a UDP transport that stays silent loses
 *       its path. Off turns off both the probes and the idle timeout, so an idle connection lives
 *       until closed, as a TCP one without keepalive; a vanished peer is then noticed only when
 *       data is sent. Fixed once connected (a different value then throws)</td></tr>
 *   <tr><td>{@code TCP_NODELAY}</td><td>accepted, always reads true: rudp never delays a small
 *       write to coalesce it (no Nagle). With nothing in flight a write goes out at once; while
 *       data is in flight only the segment carrying the last byte written may be short (spec 10.4)</td></tr>
 *   <tr><td>{@code SO_REUSEADDR}</td><td>accepted, read back, no effect: an outgoing connection
 *       shares a client endpoint, or binds the address given to {@link #bind}</td></tr>
 *   <tr><td>{@code IP_TOS}</td><td>accepted, read back, no effect: datagrams leave with the
 *       endpoint's default traffic class (a shared endpoint carries other connections too)</td></tr>
 *   <tr><td>{@code SO_OOBINLINE}</td><td>accepted, read back, no effect: there is no urgent data</td></tr>
 *   <tr><td>{@link RudpSocketOptions#MAX_DATAGRAM_SIZE}, {@link RudpSocketOptions#CONGESTION_CONTROL},
 *       {@link RudpSocketOptions#PACING}</td><td>the connection's datagram size, congestion
 *       controller and pacing; fixed once connected</td></tr>
 *   <tr><td>{@link RudpSocketOptions#AUTHENTICATION}</td><td>the authenticated mode's keys and
 *       suite (null: plain rudp); fixed once connected</td></tr>
 *   <tr><td>{@link RudpSocketOptions#CAPTURE}</td><td>a pcapng capture of the connection's
 *       datagrams (it then gets an endpoint of its own); read at connect</td></tr>
 * </table>
 * {@link #setPerformancePreferences} does nothing, as for every JDK socket. Options not in the
 * table throw {@link UnsupportedOperationException} from {@link #setOption}.
 *
 * <p><b>Beyond a Socket.</b> {@link #stats()}, {@link #endpointStats()}, {@link #setTracer} (and
 * {@link #clockNanos()}, the clock its events use), {@link #abort()} and {@link #config()}.
 *
 * <p><b>Threads.</b> Any thread may call any method; as with a Socket, use one reader and one
 * writer at a time. {@link #close()} from another thread makes blocked reads and writes throw
 * "Socket closed".
 */
public final class RudpSocket extends Socket {

    private final RudpSocketImpl impl;

    /**
     * An unconnected socket with the default configuration; see {@link #connect(SocketAddress, int)}.
     *
     * @throws SocketException never in practice: {@code java.net.Socket}'s constructor declares it
     */
    public RudpSocket() throws SocketException {
        this(ConnectionConfig.DEFAULT);
    }

    /**
     * An unconnected socket whose connection will use {@code config} (datagram size, buffers,
     * congestion control...); options set before connect change it.
     *
     * @param config the connection's configuration
     * @throws SocketException never in practice: {@code java.net.Socket}'s constructor declares it
     */
    public RudpSocket(ConnectionConfig config) throws SocketException {
        this(new RudpSocketImpl(config));
    }

    /**
     * Connects to {@code host:port}, waiting without limit.
     *
     * @param host the peer's name or address (null: the loopback address)
     * @param port the peer's UDP port
     * @throws IOException an {@link java.net.UnknownHostException}, or why the connect failed
     */
    public RudpSocket(String host, int port) throws IOException {
        this();
        open(new InetSocketAddress(InetAddress.getByName(host), port), null);
    }

    /**
     * Connects to {@code address:port}, waiting without limit.
     *
     * @param address the peer's address
     * @param port    the peer's UDP port
     * @throws IOException why the connect failed
     */
    public RudpSocket(InetAddress address, int port) throws IOException {
        this();
        open(new InetSocketAddress(address, port), null);
    }

    /**
     * Binds to {@code localAddress:localPort}, then connects to {@code host:port}, waiting without limit.
     *
     * @param host         the peer's name or address (null: the loopback address)
     * @param port         the peer's UDP port
     * @param localAddress the local address (null: any)
     * @param localPort    the local UDP port (0: any)
     * @throws IOException an {@link java.net.UnknownHostException}, a {@link java.net.BindException}, or why the connect failed
     */
    public RudpSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        this();
        open(new InetSocketAddress(InetAddress.getByName(host), port),
            new InetSocketAddress(localAddress, localPort));
    }

    /**
     * Binds to {@code localAddress:localPort}, then connects to {@code address:port}, waiting without limit.
     *
     * @param address      the peer's address
     * @param port         the peer's UDP port
     * @param localAddress the local address (null: any)
     * @param localPort    the local UDP port (0: any)
     * @throws IOException a {@link java.net.BindException}, or why the connect failed
     */
    public RudpSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        this();
        open(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private RudpSocket(RudpSocketImpl impl) throws SocketException {
        super(impl);
        this.impl = impl;
    }

    /** A socket for {@link RudpServerSocket#accept()} to accept into, configured as its listener. */
    static RudpSocket forAccept(ConnectionConfig listener) throws SocketException {
        return new RudpSocket(new RudpSocketImpl(listener));
    }

    /**
     * Binds to {@code local} if not null, then connects to {@code remote} without a time limit;
     * closes the socket if either fails.
     */
    void open(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        try {
            if (local != null) bind(local);
            connect(remote);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * A snapshot of the connection's state, RTT, windows and counters (like {@code ss -ti});
     * still available after close.
     *
     * @return the snapshot
     * @throws SocketException if the socket never connected
     */
    public ConnectionStats stats() throws SocketException {
        return impl.stats();
    }

    /**
     * A snapshot of the counters of the endpoint that carries this connection: datagrams
     * received, sent and dropped, decode errors, RSTs, refused calls, socket errors. An accepted
     * socket's endpoint is its listener's; an outgoing connection without {@link #bind} shares a
     * client endpoint with other connections of this JVM, and the counts are the endpoint's, all
     * of theirs included.
     *
     * @return the snapshot
     * @throws SocketException if the socket never connected
     */
    public EndpointStats endpointStats() throws SocketException {
        return impl.endpointStats();
    }

    /**
     * Traces the connection's packets, losses and window changes from now on, e.g. with a
     * {@link net.rudp.JsonLinesTracer}; null stops. The tracer is called on the endpoint's
     * event-loop thread: it must be quick and must not call back into this socket.
     *
     * @param tracer receives the events (null: none)
     * @throws SocketException if the socket is not connected
     */
    public void setTracer(ConnectionTracer tracer) throws SocketException {
        impl.setTracer(tracer);
    }

    /**
     * The clock rudp's connections run on, in nanoseconds (non-negative, monotonic; not the
     * wall clock): the time a tracer's {@code nowNanos} counts. Read it with the wall clock when
     * a trace starts, to tell the trace when its time 0 was (a
     * {@link net.rudp.trace.QlogTracer.Trace}'s origin and reference time).
     *
     * @return the connections' time now
     */
    public static long clockNanos() {
        return EndpointDriver.clockNanos();
    }

    /**
     * Abortive close: sends RST; unsent and unread data is dropped. The same as
     * {@code setSoLinger(true, 0)} then {@link #close()}.
     *
     * @throws IOException never in practice ({@link #close()} declares it)
     */
    public void abort() throws IOException {
        impl.abortOnClose();
        close();
    }

    /**
     * The configuration the connection uses: the one given, as changed by options set before
     * connect (an accepted socket: its listener's).
     *
     * @return the configuration
     */
    public ConnectionConfig config() {
        return impl.config();
    }

    @Override
    public String toString() {
        return "RudpSocket[" + impl + (isClosed() ? ", closed" : "") + "]";
    }
}
