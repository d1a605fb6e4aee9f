package net.rudp.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.rudp.ConnectionConfig;

/**
 * Spreads this JVM's outgoing connections that the application did not bind over a few shared
 * client endpoints, at most {@link #MAX_PER_CONFIG} per configuration, as a QUIC endpoint
 * carries many connections.
 *
 * <p>Each shared endpoint is one UDP port on the wildcard address with one loop thread, so a
 * thousand client sockets cost a handful of ports and threads, not a thousand. A new connection
 * goes to a fresh endpoint while there are fewer than the maximum and every one already carries
 * a connection (so the first few connections get a loop thread each, as before), else to the
 * endpoint that carries the fewest; it stays on that endpoint for its life (its peer knows it by
 * that address). Endpoints are shared only among equal {@link ConnectionConfig}s, since the core
 * gives all connections of an endpoint one configuration. An endpoint with no connection left
 * retires after {@link EndpointDriver#SHARED_IDLE_GRACE_NANOS}, releasing its port and thread.
 */
final class SharedEndpoints {

    /**
     * Shared endpoints per configuration: the {@code rudp.clientEndpoints} system property, by
     * default one per core (more loop threads than cores would only take turns).
     */
    static final int MAX_PER_CONFIG = Math.max(1,
        Integer.getInteger("rudp.clientEndpoints", Runtime.getRuntime().availableProcessors()));

    /** This JVM's shared client endpoints. */
    static final SharedEndpoints JVM = new SharedEndpoints(MAX_PER_CONFIG);

    private final int maxPerConfig;
    /** The running shared endpoints by configuration; guarded by this. */
    private final Map<ConnectionConfig, List<EndpointDriver>> byConfig = new HashMap<>();

    SharedEndpoints(int maxPerConfig) {
        this.maxPerConfig = maxPerConfig;
    }

    /** Opens a connection to {@code remote} on a shared endpoint; the call request is on its way when this returns. */
    BlockingConnection connect(InetSocketAddress remote, ConnectionConfig config) throws IOException {
        while (true) {
            BlockingConnection c = pick(config).connectShared(remote);
            if (c != null) return c;
            // The endpoint retired between the pick and the call: it has left the pool, pick again.
        }
    }

    /** The endpoint a new connection with {@code config} goes to, opened if need be. */
    synchronized EndpointDriver pick(ConnectionConfig config) throws IOException {
        List<EndpointDriver> pool = byConfig.computeIfAbsent(config, c -> new ArrayList<>());
        EndpointDriver least = null;
        for (EndpointDriver d : pool) {
            if (least == null || d.load() < least.load()) least = d;
        }
        if (least != null && (least.load() == 0 || pool.size() >= maxPerConfig)) return least;
        EndpointDriver fresh = EndpointDriver.startShared(config, this);
        pool.add(fresh);
        return fresh;
    }

    /** How many shared endpoints run for {@code config}. */
    synchronized int count(ConnectionConfig config) {
        List<EndpointDriver> pool = byConfig.get(config);
        return pool == null ? 0 : pool.size();
    }

    /** {@code driver} released its port; called under its lock, which {@link #pick} never takes. */
    synchronized void retired(EndpointDriver driver, ConnectionConfig config) {
        List<EndpointDriver> pool = byConfig.get(config);
        if (pool == null) return;
        pool.remove(driver);
        if (pool.isEmpty()) byConfig.remove(config);
    }
}
