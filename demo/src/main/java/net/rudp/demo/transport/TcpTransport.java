package net.rudp.demo.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import net.rudp.demo.linux.TcpInfo;

/** The kernel's TCP through {@link ServerSocket} and {@link Socket}, with the kernel's defaults. */
public final class TcpTransport implements Transport {

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public Listener listen(InetSocketAddress local, int backlog) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.bind(local, backlog);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return new TcpListener(server);
    }

    @Override
    public Conn connect(InetSocketAddress remote, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(remote, Math.toIntExact(Math.max(1, timeout.toMillis())));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new TcpConn(socket);
    }

    private record TcpListener(ServerSocket server) implements Listener {
        @Override
        public InetSocketAddress localAddress() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        @Override
        public Conn accept() throws IOException {
            return new TcpConn(server.accept());
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /**
     * A connected socket. Buffer sizes stay at the kernel's defaults so that its buffer
     * autotuning stays on (setting SO_SNDBUF/SO_RCVBUF turns it off).
     */
    private record TcpConn(Socket socket) implements Conn {

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

        /** The kernel's {@code tcp_info} for this connection (Linux only). */
        @Override
        public Optional<TransportStats> stats() {
            return TcpInfo.of((InetSocketAddress) socket.getLocalSocketAddress(), remoteAddress())
                .map(i -> new TransportStats(i.congestionControl(), i.smoothedRttNanos(), i.minRttNanos(),
                    i.congestionWindowBytes(), i.bytesSent(), i.bytesRetransmitted()));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
