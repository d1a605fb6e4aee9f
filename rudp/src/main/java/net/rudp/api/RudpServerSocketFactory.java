package net.rudp.api;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Objects;
import javax.net.ServerSocketFactory;
import net.rudp.ConnectionConfig;

/**
 * Makes {@link RudpServerSocket}s where a library takes a {@link ServerSocketFactory} (an HTTP
 * server, OkHttp's MockWebServer, a test harness). Every listener it makes gives its accepted
 * connections the factory's {@link ConnectionConfig}.
 */
public final class RudpServerSocketFactory extends ServerSocketFactory {

    private final ConnectionConfig config;

    /** Listeners with the default configuration. */
    public RudpServerSocketFactory() {
        this(ConnectionConfig.DEFAULT);
    }

    /**
     * Listeners whose connections use {@code config}.
     *
     * @param config the configuration accepted connections get
     */
    public RudpServerSocketFactory(ConnectionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * The configuration every listener starts with.
     *
     * @return the configuration
     */
    public ConnectionConfig config() {
        return config;
    }

    /** An unbound server socket: bind it to listen. */
    @Override
    public RudpServerSocket createServerSocket() {
        return new RudpServerSocket(config);
    }

    /** Listens on {@code port} (0: any free port) of every local address. */
    @Override
    public RudpServerSocket createServerSocket(int port) throws IOException {
        return createServerSocket(port, RudpServerSocket.DEFAULT_BACKLOG, null);
    }

    /** Listens on {@code port} (0: any free port) of every local address. */
    @Override
    public RudpServerSocket createServerSocket(int port, int backlog) throws IOException {
        return createServerSocket(port, backlog, null);
    }

    /** Listens on {@code ifAddress:port} (a null address: every local address). */
    @Override
    public RudpServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
        RudpServerSocket s = createServerSocket();
        s.listen(port, backlog, ifAddress);
        return s;
    }

    @Override
    public String toString() {
        return "RudpServerSocketFactory[" + config + "]";
    }
}
