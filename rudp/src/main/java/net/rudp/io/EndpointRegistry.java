package net.rudp.io;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * This JVM's running endpoints: all of them, for the exit linger, and the listening ones by bound
 * address (a {@link ListenerGroup} by its first endpoint), so that a new listener can take over the port of a closed one whose connections live
 * on (as TCP's {@code SO_REUSEADDR} allows).
 */
final class EndpointRegistry {

    /** The JVM's registry; its exit linger waits for every endpoint in it. */
    static final EndpointRegistry JVM = new EndpointRegistry();

    static {
        ExitLinger.install(JVM::anyDeliveringClosedConnections);
    }

    private final Set<EndpointDriver> live = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<InetSocketAddress, EndpointDriver> servers = new ConcurrentHashMap<>();

    /** A new endpoint runs; {@code serverKey} is its listening address, or null for a client endpoint. */
    void started(EndpointDriver driver, InetSocketAddress serverKey) {
        live.add(driver);
        if (serverKey != null) servers.put(serverKey, driver);
    }

    /** The endpoint released its port. */
    void retired(EndpointDriver driver, InetSocketAddress serverKey) {
        live.remove(driver);
        if (serverKey != null) servers.remove(serverKey, driver);
    }

    /** {@code head} stands for the endpoints of a {@link ListenerGroup} that listen on {@code address}. */
    void listening(InetSocketAddress address, EndpointDriver head) {
        servers.put(address, head);
    }

    /** The group {@code head} stands for has released {@code address}. */
    void released(InetSocketAddress address, EndpointDriver head) {
        servers.remove(address, head);
    }

    /** The endpoint that was started to listen on {@code address} and still runs, or null. */
    EndpointDriver serverAt(InetSocketAddress address) {
        return servers.get(address);
    }

    /** Runs {@code action} for every running endpoint (for the periodic JFR sample). */
    void forEachLive(Consumer<EndpointDriver> action) {
        live.forEach(action);
    }

    boolean isLive(EndpointDriver driver) {
        return live.contains(driver);
    }

    /** Whether any endpoint still delivers data or a FIN of a connection the application closed. */
    boolean anyDeliveringClosedConnections() {
        return live.stream().anyMatch(EndpointDriver::isDeliveringClosedConnections);
    }
}
