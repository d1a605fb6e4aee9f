package net.rudp.demo.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.rudp.CongestionControl;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionStats;
import net.rudp.api.RudpServerSocketFactory;
import net.rudp.api.RudpSocket;
import net.rudp.api.RudpSocketFactory;
import net.rudp.api.RudpSocketOptions;
import net.rudp.trace.QlogTracer;

/**
 * rudp through its {@link RudpSocketFactory} and {@link RudpServerSocketFactory}, with a
 * configurable datagram size and congestion controller (the rest is the library's default
 * configuration); its connections linger on close, and write the capture and qlog its
 * {@link RudpObservation} asks for (compare's {@code --capture}, {@code --qlog}).
 */
public final class RudpTransport implements Transport {
    /**
     * The datagram size unless asked otherwise: fits any path's MTU, as QUIC's 1200. Not yet the
     * largest UDP payload as a path MTU search's ceiling: on a loaded machine two of eleven loopback
     * runs with it stalled, for reasons not yet found (demo/README.md, "rudp's options").
     */
    public static final int DEFAULT_DATAGRAM_SIZE = 1200;
    /** The longest a connection's {@code close()} waits for the peer to acknowledge the FIN. */
    static final int CLOSE_LINGER_SECONDS = 5;

    private final ConnectionConfig config;
    private final RudpObservation observation;

    /**
     * The demo's default: {@link #DEFAULT_DATAGRAM_SIZE}-byte datagrams and the library's default
     * controller (bbr), on loopback and across emulated links alike: on loopback it matches cubic's
     * goodput with a far shorter queue, and across lossy links it is the one that keeps the link.
     */
    public RudpTransport() {
        this(DEFAULT_DATAGRAM_SIZE, CongestionControl.DEFAULT);
    }

    /**
     * @throws IllegalArgumentException if the library refuses the datagram size
     */
    public RudpTransport(int maxDatagramSize, CongestionControl congestionControl) {
        this(ConnectionConfig.builder().maxDatagramSize(maxDatagramSize).congestionControl(congestionControl).build());
    }

    /** rudp with any configuration (the tools' {@code bench} runs two datagram sizes). */
    public RudpTransport(ConnectionConfig config) {
        this(config, RudpObservation.NONE);
    }

    /** rudp with {@code config}, each endpoint writing what {@code observation} asks for. */
    public RudpTransport(ConnectionConfig config, RudpObservation observation) {
        this.config = config;
        this.observation = observation;
    }

    @Override
    public String name() {
        return "rudp";
    }

    @Override
    public List<String> endpointOptions() {
        return List.of("--datagram", Integer.toString(config.maxDatagramSize()),
            config.pathMtuDiscovery() ? "--pmtu" : "--no-pmtu", "--cc", config.congestionControl().id(),
            config.pacing() ? "--pacing" : "--no-pacing");
    }

    @Override
    public RudpSocketFactory sockets() {
        return new RudpSocketFactory(config);
    }

    @Override
    public RudpServerSocketFactory servers() {
        return new RudpServerSocketFactory(config);
    }

    /** A listener whose endpoint writes the capture asked for (the option must be set before bind). */
    @Override
    public ServerSocket listen(InetSocketAddress local, int backlog) throws IOException {
        ServerSocket server = servers().createServerSocket();
        try {
            server.setOption(RudpSocketOptions.CAPTURE, observation.captureFile());
            server.bind(local, backlog);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    @Override
    public Socket accept(ServerSocket listener) throws IOException {
        Socket socket = lingering(listener.accept());
        observation.startQlog((RudpSocket) socket, QlogTracer.VantagePoint.SERVER);
        return socket;
    }

    /** As {@link Transport#connect}, with the capture option set before connecting. */
    @Override
    public Socket connect(InetSocketAddress remote, Duration timeout) throws IOException {
        RudpSocket socket = sockets().createSocket();
        try {
            socket.setOption(RudpSocketOptions.CAPTURE, observation.captureFile());
            socket.connect(remote, Math.toIntExact(Math.max(1, timeout.toMillis())));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        observation.startQlog(socket, QlogTracer.VantagePoint.CLIENT);
        return lingering(socket);
    }

    /**
     * Makes {@code socket}'s close wait (up to {@link #CLOSE_LINGER_SECONDS}) until the peer has
     * acknowledged everything, FIN included. rudp's FIN is sent and retransmitted by this process:
     * a process that exits right after a non-lingering close may take its FIN with it, and the
     * peer then waits for end of stream until its idle timeout (kernel TCP has no such problem:
     * the kernel finishes the close).
     */
    private static Socket lingering(Socket socket) throws IOException {
        try {
            socket.setSoLinger(true, CLOSE_LINGER_SECONDS);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /** The connection's {@link RudpSocket#stats()}; empty until it is connected. */
    @Override
    public Optional<TransportStats> stats(Socket connection) {
        if (!(connection instanceof RudpSocket socket)) {
            throw new IllegalArgumentException("rudp stats are asked of a socket rudp did not make: " + connection);
        }
        try {
            ConnectionStats s = socket.stats();
            return Optional.of(new TransportStats(s.congestionControl(), s.smoothedRtt(), s.minRtt(),
                s.congestionWindow(), s.bytesSent(), s.bytesRetransmitted()));
        } catch (SocketException notConnected) {
            return Optional.empty();
        }
    }
}
