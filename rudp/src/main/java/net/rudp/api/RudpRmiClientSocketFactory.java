package net.rudp.api;

import java.io.IOException;
import java.io.Serializable;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;
import java.util.Objects;
import net.rudp.ConnectionConfig;

/**
 * Java RMI's client side over rudp: a remote object exported with this factory (and an
 * {@link RudpRmiServerSocketFactory}) is called through {@link RudpSocket}s.
 *
 * <pre>{@code
 * Registry registry = LocateRegistry.createRegistry(1099, new RudpRmiClientSocketFactory(), new RudpRmiServerSocketFactory());
 * registry.bind("clock", UnicastRemoteObject.exportObject(clock, 0, new RudpRmiClientSocketFactory(), new RudpRmiServerSocketFactory()));
 * }</pre>
 *
 * <p>RMI serializes this factory into every stub it hands out, so it is {@link Serializable}
 * along with its configuration; and RMI shares one connection pool between equal factories, so
 * two factories are equal exactly when their configurations are (a record's equality).
 *
 * @param config the configuration of the connections it opens
 */
public record RudpRmiClientSocketFactory(ConnectionConfig config) implements RMIClientSocketFactory, Serializable {

    /** Connections with the default configuration. */
    public RudpRmiClientSocketFactory() {
        this(ConnectionConfig.DEFAULT);
    }

    /** Connections with {@code config}. */
    public RudpRmiClientSocketFactory {
        Objects.requireNonNull(config, "config");
    }

    /** A socket connected to {@code host:port}, waiting without limit as RMI's own default factory does. */
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return new RudpSocketFactory(config).createSocket(host, port);
    }
}
