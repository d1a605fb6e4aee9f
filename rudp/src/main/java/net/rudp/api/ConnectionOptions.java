package net.rudp.api;

import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.Objects;
import java.util.Set;
import net.rudp.Authentication;
import net.rudp.CongestionControl;
import net.rudp.ConnectionConfig;

/**
 * The socket options that are fields of a connection's {@link ConnectionConfig}: buffer sizes,
 * keepalive and rudp's own. They change the configuration until the connection opens (connect,
 * or a listener's bind); from then on the configuration is fixed.
 *
 * <p>After it opens, setting a buffer size is accepted and ignored: {@code SO_SNDBUF} and
 * {@code SO_RCVBUF} are hints (as {@link java.net.Socket#setSendBufferSize} says, callers read
 * the size back to learn what they got), and the size in force is what the getter returns. Setting
 * any other of these options to a different value then throws {@link SocketException}: a
 * keepalive or congestion controller that silently stayed as it was would mislead.
 */
final class ConnectionOptions {

    /** What a listener supports: a server socket's own options, and those its connections inherit. */
    static final Set<SocketOption<?>> LISTENER = Set.of(StandardSocketOptions.SO_RCVBUF,
        RudpSocketOptions.MAX_DATAGRAM_SIZE, RudpSocketOptions.CONGESTION_CONTROL, RudpSocketOptions.PACING,
        RudpSocketOptions.AUTHENTICATION);
    /** What a connection supports. */
    static final Set<SocketOption<?>> CONNECTION = Set.of(StandardSocketOptions.SO_SNDBUF, StandardSocketOptions.SO_RCVBUF,
        StandardSocketOptions.SO_KEEPALIVE, RudpSocketOptions.MAX_DATAGRAM_SIZE, RudpSocketOptions.CONGESTION_CONTROL,
        RudpSocketOptions.PACING, RudpSocketOptions.AUTHENTICATION);

    private ConnectionConfig config;
    private boolean open;

    ConnectionOptions(ConnectionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Options of an accepted connection: its listener's configuration, already fixed. */
    static ConnectionOptions opened(ConnectionConfig config) {
        ConnectionOptions o = new ConnectionOptions(config);
        o.open = true;
        return o;
    }

    /** The configuration as the options have made it so far (the one in force once open). */
    synchronized ConnectionConfig config() {
        return config;
    }

    /** Fixes the configuration: the connection (or listener) opens with it. */
    synchronized ConnectionConfig open() {
        open = true;
        return config;
    }

    synchronized <T> void set(SocketOption<T> name, T value) throws SocketException {
        if (value != null || name != RudpSocketOptions.AUTHENTICATION) checked(name, value); // null: plain rudp
        ConnectionConfig changed = with(config, name, value);
        if (!open) {
            config = changed;
        } else if (!changed.equals(config) && !isBufferSize(name)) {
            throw new SocketException(name + " cannot change once the rudp connection is open (it was "
                + get(name) + "): set it before connect, or before a server socket's bind");
        }
    }

    /**
     * {@code value} as the option's type.
     *
     * @throws IllegalArgumentException if it is null or of another type (a raw {@code SocketOption})
     */
    static <T> T checked(SocketOption<T> name, Object value) {
        if (!name.type().isInstance(value)) {
            throw new IllegalArgumentException(name + " takes a " + name.type().getSimpleName() + ", not " + value);
        }
        return name.type().cast(value);
    }

    synchronized Object get(SocketOption<?> name) {
        if (name == StandardSocketOptions.SO_SNDBUF) return config.sendBufferSize();
        if (name == StandardSocketOptions.SO_RCVBUF) return config.receiveBufferSize();
        if (name == StandardSocketOptions.SO_KEEPALIVE) return config.keepaliveNanos() > 0;
        if (name == RudpSocketOptions.MAX_DATAGRAM_SIZE) return config.maxDatagramSize();
        if (name == RudpSocketOptions.CONGESTION_CONTROL) return config.congestionControl();
        if (name == RudpSocketOptions.PACING) return config.pacing();
        if (name == RudpSocketOptions.AUTHENTICATION) return config.authentication();
        throw new IllegalArgumentException("not a configuration option: " + name);
    }

    private static boolean isBufferSize(SocketOption<?> name) {
        return name == StandardSocketOptions.SO_SNDBUF || name == StandardSocketOptions.SO_RCVBUF;
    }

    /**
     * {@code c} with one option changed. Keepalive off also turns the idle timeout off: without
     * probes an idle but healthy connection would otherwise fail after the idle timeout, where a
     * TCP connection without keepalive lives until closed.
     */
    private static ConnectionConfig with(ConnectionConfig c, SocketOption<?> name, Object value) {
        ConnectionConfig.Builder b = c.toBuilder();
        if (name == StandardSocketOptions.SO_SNDBUF) {
            b.sendBufferSize((Integer) value);
        } else if (name == StandardSocketOptions.SO_RCVBUF) {
            b.receiveBufferSize((Integer) value);
        } else if (name == StandardSocketOptions.SO_KEEPALIVE) {
            boolean on = (Boolean) value;
            ConnectionConfig d = ConnectionConfig.DEFAULT;
            b.keepaliveNanos(on ? orDefault(c.keepaliveNanos(), d.keepaliveNanos()) : 0);
            b.idleTimeoutNanos(on ? orDefault(c.idleTimeoutNanos(), d.idleTimeoutNanos()) : 0);
        } else if (name == RudpSocketOptions.MAX_DATAGRAM_SIZE) {
            b.maxDatagramSize((Integer) value);
        } else if (name == RudpSocketOptions.CONGESTION_CONTROL) {
            b.congestionControl((CongestionControl) value);
        } else if (name == RudpSocketOptions.PACING) {
            b.pacing((Boolean) value);
        } else if (name == RudpSocketOptions.AUTHENTICATION) {
            b.authentication((Authentication) value);
        } else {
            throw new IllegalArgumentException("not a configuration option: " + name);
        }
        return b.build();
    }

    private static long orDefault(long configured, long fallback) {
        return configured > 0 ? configured : fallback;
    }
}
