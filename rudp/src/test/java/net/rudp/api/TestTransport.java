package net.rudp.api;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;

/**
 * A transport for the parity suite: the factories that make its {@link Socket}s and
 * {@link ServerSocket}s, so each behaviour is written once against java.net and run on kernel
 * TCP and on rudp. Everything binds to 127.0.0.1.
 *
 * @param name    how test names show it
 * @param sockets makes client sockets
 * @param servers makes listeners
 * @param udp     whether the transport runs on UDP (so an unused address is an unbound UDP port)
 */
record TestTransport(String name, SocketFactory sockets, ServerSocketFactory servers, boolean udp) {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    static List<TestTransport> both() {
        return List.of(new TestTransport("tcp", SocketFactory.getDefault(), ServerSocketFactory.getDefault(), false),
            new TestTransport("rudp", new RudpSocketFactory(), new RudpServerSocketFactory(), true));
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port); SO_REUSEADDR is on by default on Linux, for both. */
    ServerSocket listen(int port, int backlog) throws IOException {
        return servers.createServerSocket(port, backlog, LOOPBACK);
    }

    /** Connects as OkHttp does: an unconnected socket from the factory, then connect with a timeout. */
    Socket connect(InetSocketAddress to, int timeoutMillis) throws IOException {
        Socket s = sockets.createSocket();
        s.connect(to, timeoutMillis);
        return s;
    }

    /** A loopback address where nothing of this transport listens. */
    InetSocketAddress unusedAddress() throws IOException {
        if (udp) {
            try (DatagramSocket s = new DatagramSocket(0, LOOPBACK)) {
                return (InetSocketAddress) s.getLocalSocketAddress();
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return (InetSocketAddress) s.getLocalSocketAddress();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
