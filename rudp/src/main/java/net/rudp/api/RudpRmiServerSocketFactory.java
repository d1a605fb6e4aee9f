package net.rudp.api;

import java.io.IOException;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Objects;
import net.rudp.ConnectionConfig;

/**
 * Java RMI's server side over rudp: RMI listens for calls to objects exported with this factory
 * on {@link RudpServerSocket}s (see {@link RudpRmiClientSocketFactory} for the pair in use).
 * RMI exports objects whose server socket factories are equal on one shared port, so two
 * factories are equal exactly when their configurations are (a record's equality).
 *
 * @param config the configuration of the connections it accepts
 */
public record RudpRmiServerSocketFactory(ConnectionConfig config) implements RMIServerSocketFactory {

    /** Listeners with the default configuration. */
    public RudpRmiServerSocketFactory() {
        this(ConnectionConfig.DEFAULT);
    }

    /** Listeners with {@code config}. */
    public RudpRmiServerSocketFactory {
        Objects.requireNonNull(config, "config");
    }

    /** Listens on {@code port} (0: any free port) of every local address. */
    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new RudpServerSocketFactory(config).createServerSocket(port);
    }
}
