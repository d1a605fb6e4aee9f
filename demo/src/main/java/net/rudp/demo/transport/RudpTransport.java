package net.rudp.demo.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.rudp.CongestionControl;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionStats;
import net.rudp.api.RudpServerSocket;
import net.rudp.api.RudpSocket;
import net.rudp.api.RudpSocketOptions;
import net.rudp.trace.QlogTracer;

/**
 * rudp through its {@link RudpServerSocket} and {@link RudpSocket}, with a configurable datagram
 * size and congestion controller (the rest is the library's default configuration).
 */
public final class RudpTransport implements Transport {
    /** The datagram size unless asked otherwise: fits any path's MTU, as QUIC's 1200. */
    public static final int DEFAULT_DATAGRAM_SIZE = 1200;
    /** The longest {@link Conn#close()} waits for the peer to acknowledge the FIN. */
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

    /** rudp with {@code config}, each endpoint writing what {@code observation} asks for (compare's --capture, --qlog). */
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
        return List.of("--datagram", Integer.toString(config.maxDatagramSize()), "--cc", config.congestionControl().id(),
            config.pacing() ? "--pacing" : "--no-pacing");
    }

    @Override
    public Listener listen(InetSocketAddress local, int backlog) throws IOException {
        RudpServerSocket server = new RudpServerSocket(config);
        try {
            server.setOption(RudpSocketOptions.CAPTURE, observation.captureFile());
            server.bind(local, backlog);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return new RudpListener(server, observation);
    }

    @Override
    public Conn connect(InetSocketAddress remote, Duration timeout) throws IOException {
        RudpSocket socket = new RudpSocket(config);
        socket.setOption(RudpSocketOptions.CAPTURE, observation.captureFile());
        // A failed connect closes the socket itself.
        socket.connect(remote, Math.toIntExact(Math.max(1, timeout.toMillis())));
        return new RudpConn(socket, observation.startQlog(socket, QlogTracer.VantagePoint.CLIENT));
    }

    private record RudpListener(RudpServerSocket server, RudpObservation observation) implements Listener {
        @Override
        public InetSocketAddress localAddress() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        @Override
        public Conn accept() throws IOException {
            RudpSocket socket = server.accept();
            return new RudpConn(socket, observation.startQlog(socket, QlogTracer.VantagePoint.SERVER));
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** @param qlog the connection's qlog file, closed after the connection; null without one */
    private record RudpConn(RudpSocket socket, Writer qlog) implements Conn {
        @Override
        public InputStream input() throws IOException {
            return socket.getInputStream();
        }

        @Override
        public OutputStream output() throws IOException {
            return socket.getOutputStream();
        }

        @Override
        public void shutdownOutput() throws IOException {
            socket.shutdownOutput();
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return (InetSocketAddress) socket.getRemoteSocketAddress();
        }

        @Override
        public Optional<TransportStats> stats() {
            try {
                ConnectionStats s = socket.stats();
                return Optional.of(new TransportStats(s.congestionControl(), s.smoothedRtt(), s.minRtt(),
                    s.congestionWindow(), s.bytesSent(), s.bytesRetransmitted()));
            } catch (java.net.SocketException notConnected) {
                return Optional.empty();
            }
        }

        /**
         * Closes and waits (up to {@link #CLOSE_LINGER_SECONDS}) until the peer has acknowledged
         * everything, FIN included. rudp's FIN is sent and retransmitted by this process: a
         * process that exits right after a non-lingering close may take its FIN with it, and the
         * peer then waits for end of stream until its idle timeout (kernel TCP has no such
         * problem: the kernel finishes the close).
         */
        @Override
        public void close() throws IOException {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, CLOSE_LINGER_SECONDS);
            }
            socket.close();
            if (qlog != null) {
                socket.setTracer(null); // no event after this returns: the file can close
                qlog.close();
            }
        }
    }
}
