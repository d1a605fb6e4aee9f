package net.rudp.api;

import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketOptions;
import java.net.StandardSocketOptions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import net.rudp.ConnectionConfig;

/**
 * All options of one rudp socket impl: those that are fields of the connection's configuration
 * ({@link ConnectionOptions}) and those the impl keeps as plain values (a timeout, linger, or an
 * option accepted only to be read back). It answers both the {@link SocketOption} form and the
 * numeric {@link SocketOptions} form through which java.net.Socket's {@code setX} methods arrive.
 */
final class OptionTable {

    /** {@code SO_TIMEOUT}, which java.net sets by number only: this table's own name for it, not offered by {@link #supported()}. */
    static final SocketOption<Integer> SO_TIMEOUT = new NumericOnly<>("SO_TIMEOUT", Integer.class);
    /** {@code SO_OOBINLINE}, likewise numeric only. */
    static final SocketOption<Boolean> SO_OOBINLINE = new NumericOnly<>("SO_OOBINLINE", Boolean.class);
    /** What {@link #values} holds for an option that has no value (a map of this kind holds no null). */
    private static final Object UNSET = new Object();

    private final ConnectionOptions connection;
    private final Set<SocketOption<?>> connectionNames;
    private final Map<SocketOption<?>, UnaryOperator<Object>> rules = new ConcurrentHashMap<>();
    private final Map<SocketOption<?>, Object> values = new ConcurrentHashMap<>();
    private final Set<SocketOption<?>> nullable = ConcurrentHashMap.newKeySet();
    private final String socketKind;

    /**
     * @param connectionNames which configuration options this kind of socket offers
     * @param socketKind      names the socket in errors, e.g. "rudp server sockets"
     */
    OptionTable(ConnectionConfig config, Set<SocketOption<?>> connectionNames, String socketKind) {
        this.connection = new ConnectionOptions(config);
        this.connectionNames = connectionNames;
        this.socketKind = socketKind;
    }

    /** Keeps {@code name} as a plain value starting at {@code initial}; {@code onSet} checks or clamps what is set. */
    @SuppressWarnings("unchecked")
    <T> OptionTable keep(SocketOption<T> name, T initial, UnaryOperator<T> onSet) {
        rules.put(name, v -> onSet.apply((T) v));
        values.put(name, initial);
        return this;
    }

    /** Keeps {@code name} as a plain value that may be null, and is at first. */
    <T> OptionTable keepNullable(SocketOption<T> name) {
        rules.put(name, v -> v);
        values.put(name, UNSET);
        nullable.add(name);
        return this;
    }

    /** The configuration options as set so far (see {@link ConnectionOptions}). */
    ConnectionOptions connection() {
        return connection;
    }

    Set<SocketOption<?>> supported() {
        Set<SocketOption<?>> s = new HashSet<>(connectionNames);
        for (SocketOption<?> name : rules.keySet()) {
            if (!(name instanceof NumericOnly<?>)) s.add(name);
        }
        return Set.copyOf(s);
    }

    <T> void set(SocketOption<T> name, T value) throws SocketException {
        if (connectionNames.contains(name)) {
            connection.set(name, value);
            return;
        }
        UnaryOperator<Object> rule = rules.get(name);
        if (rule == null) throw unsupported(name);
        boolean unset = value == null && nullable.contains(name);
        values.put(name, unset ? UNSET : rule.apply(ConnectionOptions.checked(name, value)));
    }

    @SuppressWarnings("unchecked")
    <T> T get(SocketOption<T> name) {
        if (connectionNames.contains(name)) return (T) connection.get(name);
        Object value = values.get(name);
        if (value == null) throw unsupported(name);
        return value == UNSET ? null : (T) value;
    }

    /** The numeric form. {@code SO_LINGER} there is {@code Boolean.FALSE} when off, as java.net.Socket passes and expects it. */
    @SuppressWarnings("unchecked")
    void setNumeric(int id, Object value) throws SocketException {
        SocketOption<?> name = byNumber(id);
        boolean lingerOff = name == StandardSocketOptions.SO_LINGER && value instanceof Boolean;
        set((SocketOption<Object>) name, lingerOff ? (Object) (-1) : value);
    }

    Object getNumeric(int id) throws SocketException {
        SocketOption<?> name = byNumber(id);
        Object value = get(name);
        return name == StandardSocketOptions.SO_LINGER && (Integer) value < 0 ? Boolean.FALSE : value;
    }

    private SocketOption<?> byNumber(int id) throws SocketException {
        SocketOption<?> name = switch (id) {
            case SocketOptions.SO_TIMEOUT -> SO_TIMEOUT;
            case SocketOptions.SO_OOBINLINE -> SO_OOBINLINE;
            case SocketOptions.SO_LINGER -> StandardSocketOptions.SO_LINGER;
            case SocketOptions.TCP_NODELAY -> StandardSocketOptions.TCP_NODELAY;
            case SocketOptions.SO_SNDBUF -> StandardSocketOptions.SO_SNDBUF;
            case SocketOptions.SO_RCVBUF -> StandardSocketOptions.SO_RCVBUF;
            case SocketOptions.SO_KEEPALIVE -> StandardSocketOptions.SO_KEEPALIVE;
            case SocketOptions.SO_REUSEADDR -> StandardSocketOptions.SO_REUSEADDR;
            case SocketOptions.IP_TOS -> StandardSocketOptions.IP_TOS;
            default -> null;
        };
        if (name == null || !(connectionNames.contains(name) || rules.containsKey(name))) {
            throw new SocketException(socketKind + " do not support socket option 0x" + Integer.toHexString(id)
                + " (java.net.SocketOptions)");
        }
        return name;
    }

    private UnsupportedOperationException unsupported(SocketOption<?> name) {
        return new UnsupportedOperationException("'" + name + "' not supported by " + socketKind);
    }

    /** Checks a timeout in milliseconds (java.net.Socket checks too; this guards the numeric path). */
    static Integer notNegative(Integer millis) {
        if (millis < 0) throw new IllegalArgumentException("timeout can't be negative");
        return millis;
    }

    /** An option java.net reaches only by its {@link SocketOptions} number. */
    private record NumericOnly<T>(String name, Class<T> type) implements SocketOption<T> {
        @Override
        public String toString() {
            return name;
        }
    }
}
