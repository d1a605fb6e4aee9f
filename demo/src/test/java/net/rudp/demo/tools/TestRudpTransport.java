package net.rudp.demo.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import net.rudp.api.RudpServerSocket;
import net.rudp.api.RudpSocket;
import net.rudp.core.ConnectionConfig;
import net.rudp.core.ConnectionStats;
import net.rudp.demo.transport.Conn;
import net.rudp.demo.transport.Listener;
import net.rudp.demo.transport.Transport;
import net.rudp.demo.transport.TransportStats;

/**
 * rudp as a {@link Transport}, for these tests only: the demo's own rudp transport
 * ({@code net.rudp.demo.transport}) is being written in parallel. Once it is merged,
 * {@link TestTools#TRANSPORTS} uses it and this class goes.
 */
record TestRudpTransport(ConnectionConfig config) implements Transport {

    TestRudpTransport() {
        this(ConnectionConfig.DEFAULT);
    }

    @Override
    public String name() {
        return "rudp";
    }

    @Override
    public Listener listen(InetSocketAddress local, int backlog) throws IOException {
        RudpServerSocket server = new RudpServerSocket(config);
        try {
            server.bind(local, backlog);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return new Listener() {
            @Override
            public InetSocketAddress localAddress() {
                return (InetSocketAddress) server.getLocalSocketAddress();
            }

            @Override
            public Conn accept() throws IOException {
                return new RudpConn(server.accept());
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    @Override
    public Conn connect(InetSocketAddress remote, Duration timeout) throws IOException {
        RudpSocket socket = new RudpSocket(config);
        socket.connect(remote, Math.toIntExact(Math.max(1, timeout.toMillis()))); // a failed connect closes it
        return new RudpConn(socket);
    }

    private record RudpConn(RudpSocket socket) implements Conn {
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
                return Optional.of(new TransportStats(s.congestionControl(), OptionalLong.empty(),
                    OptionalLong.of(s.packetsSent()), "this connection"));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
