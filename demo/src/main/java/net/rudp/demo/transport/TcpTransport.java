package net.rudp.demo.transport;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import net.rudp.demo.linux.TcpInfo;

/**
 * The kernel's TCP through {@link ServerSocket} and {@link Socket}, with the kernel's defaults.
 * Buffer sizes stay at the kernel's defaults so that its buffer autotuning stays on (setting
 * SO_SNDBUF/SO_RCVBUF turns it off).
 */
public final class TcpTransport implements Transport {

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public SocketFactory sockets() {
        return SocketFactory.getDefault();
    }

    @Override
    public ServerSocketFactory servers() {
        return ServerSocketFactory.getDefault();
    }

    /** The kernel's {@code tcp_info} for this connection (Linux only). */
    @Override
    public Optional<TransportStats> stats(Socket connection) {
        return TcpInfo.of((InetSocketAddress) connection.getLocalSocketAddress(),
                (InetSocketAddress) connection.getRemoteSocketAddress())
            .map(i -> new TransportStats(i.congestionControl(), i.smoothedRttNanos(), i.minRttNanos(),
                i.congestionWindowBytes(), i.bytesSent(), i.bytesRetransmitted()));
    }
}
