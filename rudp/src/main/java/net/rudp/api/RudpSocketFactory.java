package net.rudp.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import javax.net.SocketFactory;
import net.rudp.ConnectionConfig;

/**
 * Makes {@link RudpSocket}s where a library takes a {@link SocketFactory}: OkHttp's
 * {@code socketFactory(...)}, JDBC drivers, anything that connects through one. Every socket it
 * makes uses the factory's {@link ConnectionConfig}.
 *
 * <pre>{@code
 * OkHttpClient client = new OkHttpClient.Builder().socketFactory(new RudpSocketFactory()).build();
 * }</pre>
 *
 * <p>The connecting methods wait without limit, as {@code new Socket(host, port)} does; to
 * bound the handshake, take an unconnected socket from {@link #createSocket()} and call
 * {@code connect(address, timeoutMillis)}.
 */
public final class RudpSocketFactory extends SocketFactory {

    private final ConnectionConfig config;

    /** Sockets with the default configuration. */
    public RudpSocketFactory() {
        this(ConnectionConfig.DEFAULT);
    }

    /**
     * Sockets whose connections use {@code config}.
     *
     * @param config their configuration (options set on a socket before it connects change its own copy)
     */
    public RudpSocketFactory(ConnectionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * The configuration every socket starts with.
     *
     * @return the configuration
     */
    public ConnectionConfig config() {
        return config;
    }

    /** An unconnected socket (OkHttp makes its sockets this way, then connects them itself). */
    @Override
    public RudpSocket createSocket() throws IOException {
        return new RudpSocket(config);
    }

    @Override
    public RudpSocket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(InetAddress.getByName(host), port), null);
    }

    @Override
    public RudpSocket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(InetAddress.getByName(host), port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public RudpSocket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public RudpSocket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private RudpSocket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        RudpSocket s = createSocket();
        s.open(remote, local);
        return s;
    }

    @Override
    public String toString() {
        return "RudpSocketFactory[" + config + "]";
    }
}
