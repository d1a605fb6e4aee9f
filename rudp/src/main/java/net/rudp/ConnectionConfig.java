package net.rudp;

import java.util.Objects;
import net.rudp.wire.PacketCodec;

/**
 * A connection's tunables, with the defaults spec/PROTOCOL.md ("Timers") names. Immutable; the
 * {@code with...} methods give modified copies. Durations are in nanoseconds.
 *
 * @param maxDatagramSize         largest datagram sent or accepted (default 1200, as QUIC: fits any path); with
 *                                path MTU discovery, the ceiling of the search, not the size sent from the start
 * @param sendBufferSize          bytes written but not yet acknowledged that the connection holds
 * @param receiveBufferSize       bytes received but not yet read; the advertised window's ceiling
 * @param congestionControl       the controller each connection gets
 * @param initialRtoNanos         RTO before the first RTT sample (RFC 6298: 1 s)
 * @param minRtoNanos             RTO floor (200 ms, as Linux)
 * @param maxRtoNanos             RTO ceiling (60 s)
 * @param maxRetransmissions      consecutive timeouts without progress before "connection timed out"
 * @param delayedAckNanos         longest an ACK for a lone packet is held back
 * @param connectTimeoutNanos     handshake gives up after this long: a listener's half-open connection;
 *                                a client of the socket API waits as long as its connect call says instead
 *                                (0: without limit, as java.net.Socket)
 * @param keepaliveNanos          probe after this long without receiving anything (0: never)
 * @param idleTimeoutNanos        fail after this long without receiving anything (0: never)
 * @param timeWaitNanos           how long TIME_WAIT lasts
 * @param orphanTimeoutNanos      how long a connection the application closed may wait in FIN_WAIT_2
 *                                for the peer's FIN (Linux's tcp_fin_timeout; 0: forever)
 * @param pacing                  spread sends over the RTT instead of sending bursts
 * @param receiveMemoryBudget     bytes of received data all connections of one endpoint may hold together
 *                                (spec 10.5; 0: one eighth of the JVM's maximum heap; at least 16 max payloads)
 * @param maxConnections          connections one endpoint keeps at most; call requests beyond are refused
 *                                (spec 8.2; 0: one per 128 KiB of the JVM's maximum heap)
 * @param authentication          the authenticated mode's keys and suite (spec/AUTHENTICATED.md), or null (the
 *                                default): plain rudp. With it, every datagram carries {@link Authentication#OVERHEAD}
 *                                bytes more, taken from {@link #maxPayload()}
 * @param pathMtuDiscovery        start at 1200-byte datagrams (or {@code maxDatagramSize} if smaller) and probe
 *                                upward to the largest the path carries, at most {@code maxDatagramSize}
 *                                (spec 9.13, RFC 8899); off (the default in this version): send
 *                                {@code maxDatagramSize} from the start. Off by default because with a 65507-byte
 *                                ceiling some loopback transfers stalled (cause not yet found)
 *
 * <p>Serializable, so that socket factories carrying a configuration can be (RMI sends its client
 * socket factory to clients inside every stub); a record deserializes through its validating
 * constructor.
 */
public record ConnectionConfig(int maxDatagramSize, int sendBufferSize, int receiveBufferSize,
                               CongestionControl congestionControl,
                               long initialRtoNanos, long minRtoNanos, long maxRtoNanos, int maxRetransmissions,
                               long delayedAckNanos, long connectTimeoutNanos, long keepaliveNanos,
                               long idleTimeoutNanos, long timeWaitNanos, long orphanTimeoutNanos, boolean pacing,
                               long receiveMemoryBudget, int maxConnections, Authentication authentication,
                               boolean pathMtuDiscovery)
    implements java.io.Serializable {

    /** The largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM = 65_507;
    /** The advertised window must stay below this (spec 10.1). */
    public static final int MAX_WINDOW = 1 << 30;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    /** The defaults of spec/PROTOCOL.md section 16 ("Timers"), 4 MiB buffers and the default controller. */
    public static final ConnectionConfig DEFAULT = new ConnectionConfig(1200, 4 << 20, 4 << 20,
        CongestionControl.DEFAULT, S, 200 * MS, 60 * S, 10, 10 * MS, 10 * S, 15 * S, 60 * S, 2 * S, 60 * S, true, 0, 0, null, false);

    /**
     * Checks every value.
     *
     * @throws IllegalArgumentException naming the value out of range
     */
    public ConnectionConfig {
        Objects.requireNonNull(congestionControl, "congestionControl");
        int smallest = PacketCodec.DATA_OVERHEAD + PacketCodec.MIN_MAX_PAYLOAD + sealingOverhead(authentication);
        if (maxDatagramSize < smallest || maxDatagramSize > MAX_DATAGRAM) {
            throw new IllegalArgumentException("maxDatagramSize must be in [" + smallest + ", " + MAX_DATAGRAM + "]"
                + (authentication == null ? "" : " in the authenticated mode") + ": " + maxDatagramSize);
        }
        positive("sendBufferSize", sendBufferSize);
        positive("receiveBufferSize", receiveBufferSize);
        if (receiveBufferSize >= MAX_WINDOW) {
            // Spec 10.1: a window of 2^30 or more would break serial-number comparisons.
            throw new IllegalArgumentException("receiveBufferSize must be below 2^30: " + receiveBufferSize);
        }
        positive("initialRtoNanos", initialRtoNanos);
        positive("minRtoNanos", minRtoNanos);
        if (maxRtoNanos < minRtoNanos) throw new IllegalArgumentException("maxRto below minRto");
        positive("maxRetransmissions", maxRetransmissions);
        positive("delayedAckNanos", delayedAckNanos);
        positive("connectTimeoutNanos", connectTimeoutNanos);
        notNegative("keepaliveNanos", keepaliveNanos);
        notNegative("idleTimeoutNanos", idleTimeoutNanos);
        notNegative("timeWaitNanos", timeWaitNanos);
        notNegative("orphanTimeoutNanos", orphanTimeoutNanos);
        notNegative("receiveMemoryBudget", receiveMemoryBudget);
        notNegative("maxConnections", maxConnections);
    }

    /**
     * The largest DATA payload this side sends or accepts.
     *
     * @return bytes of stream data per DATA packet at most
     */
    public int maxPayload() {
        return Math.min(PacketCodec.MAX_PAYLOAD, maxPacketSize() - PacketCodec.DATA_OVERHEAD);
    }

    /**
     * The largest packet before sealing: {@link #maxDatagramSize()}, less what sealing adds in the
     * authenticated mode (spec/AUTHENTICATED.md 3: a max payload is the datagram less 58 bytes).
     *
     * @return bytes of an encoded packet at most
     */
    public int maxPacketSize() {
        return maxDatagramSize - sealingOverhead(authentication);
    }

    /**
     * A copy with the authenticated mode on, or off.
     *
     * @param v the keys and suite, or null for plain rudp
     * @return this configuration with that {@link #authentication()}
     */
    public ConnectionConfig withAuthentication(Authentication v) {
        return toBuilder().authentication(v).build();
    }

    private static int sealingOverhead(Authentication authentication) {
        return authentication == null ? 0 : Authentication.OVERHEAD;
    }

    /**
     * A copy with another datagram size.
     *
     * @param v the largest datagram, in bytes
     * @return this configuration with that {@link #maxDatagramSize()}
     */
    public ConnectionConfig withMaxDatagramSize(int v) {
        return toBuilder().maxDatagramSize(v).build();
    }

    /**
     * A copy with other buffer sizes.
     *
     * @param send    the send buffer, in bytes
     * @param receive the receive buffer, in bytes
     * @return this configuration with those {@link #sendBufferSize()} and {@link #receiveBufferSize()}
     */
    public ConnectionConfig withBuffers(int send, int receive) {
        return toBuilder().sendBufferSize(send).receiveBufferSize(receive).build();
    }

    /**
     * A copy with another congestion controller.
     *
     * @param v the controller
     * @return this configuration with that {@link #congestionControl()}
     */
    public ConnectionConfig withCongestionControl(CongestionControl v) {
        return toBuilder().congestionControl(v).build();
    }

    /**
     * A copy with other retransmission settings.
     *
     * @param initialRto the RTO before the first RTT sample, in nanoseconds
     * @param minRto     the RTO floor, in nanoseconds
     * @param maxRto     the RTO ceiling, in nanoseconds
     * @param maxRetries consecutive timeouts without progress before the connection fails
     * @return this configuration with those retransmission settings
     */
    public ConnectionConfig withRetransmission(long initialRto, long minRto, long maxRto, int maxRetries) {
        return toBuilder().initialRtoNanos(initialRto).minRtoNanos(minRto).maxRtoNanos(maxRto).maxRetransmissions(maxRetries).build();
    }

    /**
     * A copy with another connect timeout.
     *
     * @param v how long a handshake may take, in nanoseconds
     * @return this configuration with that {@link #connectTimeoutNanos()}
     */
    public ConnectionConfig withConnectTimeout(long v) {
        return toBuilder().connectTimeoutNanos(v).build();
    }

    /**
     * A copy with other keepalive and idle timeouts.
     *
     * @param keepalive   silence before a PROBE, in nanoseconds (0: never)
     * @param idleTimeout silence before the connection fails, in nanoseconds (0: never)
     * @return this configuration with those {@link #keepaliveNanos()} and {@link #idleTimeoutNanos()}
     */
    public ConnectionConfig withKeepalive(long keepalive, long idleTimeout) {
        return toBuilder().keepaliveNanos(keepalive).idleTimeoutNanos(idleTimeout).build();
    }

    /**
     * A copy with another TIME_WAIT duration.
     *
     * @param v how long TIME_WAIT lasts, in nanoseconds
     * @return this configuration with that {@link #timeWaitNanos()}
     */
    public ConnectionConfig withTimeWait(long v) {
        return toBuilder().timeWaitNanos(v).build();
    }

    /**
     * A copy with pacing on or off.
     *
     * @param v whether to pace
     * @return this configuration with that {@link #pacing()}
     */
    public ConnectionConfig withPacing(boolean v) {
        return toBuilder().pacing(v).build();
    }

    /**
     * A copy with path MTU discovery on or off.
     *
     * @param v whether to search for the largest datagram the path carries
     * @return this configuration with that {@link #pathMtuDiscovery()}
     */
    public ConnectionConfig withPathMtuDiscovery(boolean v) {
        return toBuilder().pathMtuDiscovery(v).build();
    }

    /**
     * A builder to change some of these values.
     *
     * @return a builder that starts from this configuration
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds a configuration from {@link #DEFAULT} with some values changed.
     *
     * @return a builder that starts from the defaults
     */
    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    /** A mutable copy of a configuration; {@link #build()} validates it. */
    public static final class Builder {
        private int maxDatagramSize;
        private int sendBufferSize;
        private int receiveBufferSize;
        private CongestionControl congestionControl;
        private long initialRtoNanos;
        private long minRtoNanos;
        private long maxRtoNanos;
        private int maxRetransmissions;
        private long delayedAckNanos;
        private long connectTimeoutNanos;
        private long keepaliveNanos;
        private long idleTimeoutNanos;
        private long timeWaitNanos;
        private long orphanTimeoutNanos;
        private boolean pacing;
        private long receiveMemoryBudget;
        private int maxConnections;
        private Authentication authentication;
        private boolean pathMtuDiscovery;

        private Builder(ConnectionConfig c) {
            maxDatagramSize = c.maxDatagramSize;
            sendBufferSize = c.sendBufferSize;
            receiveBufferSize = c.receiveBufferSize;
            congestionControl = c.congestionControl;
            initialRtoNanos = c.initialRtoNanos;
            minRtoNanos = c.minRtoNanos;
            maxRtoNanos = c.maxRtoNanos;
            maxRetransmissions = c.maxRetransmissions;
            delayedAckNanos = c.delayedAckNanos;
            connectTimeoutNanos = c.connectTimeoutNanos;
            keepaliveNanos = c.keepaliveNanos;
            idleTimeoutNanos = c.idleTimeoutNanos;
            timeWaitNanos = c.timeWaitNanos;
            orphanTimeoutNanos = c.orphanTimeoutNanos;
            pacing = c.pacing;
            receiveMemoryBudget = c.receiveMemoryBudget;
            maxConnections = c.maxConnections;
            authentication = c.authentication;
            pathMtuDiscovery = c.pathMtuDiscovery;
        }

        /**
         * Sets {@link ConnectionConfig#maxDatagramSize()}.
         *
         * @param v see {@link ConnectionConfig#maxDatagramSize()}
         * @return this builder
         */
        public Builder maxDatagramSize(int v) { maxDatagramSize = v; return this; }
        /**
         * Sets {@link ConnectionConfig#sendBufferSize()}.
         *
         * @param v see {@link ConnectionConfig#sendBufferSize()}
         * @return this builder
         */
        public Builder sendBufferSize(int v) { sendBufferSize = v; return this; }
        /**
         * Sets {@link ConnectionConfig#receiveBufferSize()}.
         *
         * @param v see {@link ConnectionConfig#receiveBufferSize()}
         * @return this builder
         */
        public Builder receiveBufferSize(int v) { receiveBufferSize = v; return this; }
        /**
         * Sets {@link ConnectionConfig#congestionControl()}.
         *
         * @param v see {@link ConnectionConfig#congestionControl()}
         * @return this builder
         */
        public Builder congestionControl(CongestionControl v) { congestionControl = v; return this; }
        /**
         * Sets {@link ConnectionConfig#initialRtoNanos()}.
         *
         * @param v see {@link ConnectionConfig#initialRtoNanos()}
         * @return this builder
         */
        public Builder initialRtoNanos(long v) { initialRtoNanos = v; return this; }
        /**
         * Sets {@link ConnectionConfig#minRtoNanos()}.
         *
         * @param v see {@link ConnectionConfig#minRtoNanos()}
         * @return this builder
         */
        public Builder minRtoNanos(long v) { minRtoNanos = v; return this; }
        /**
         * Sets {@link ConnectionConfig#maxRtoNanos()}.
         *
         * @param v see {@link ConnectionConfig#maxRtoNanos()}
         * @return this builder
         */
        public Builder maxRtoNanos(long v) { maxRtoNanos = v; return this; }
        /**
         * Sets {@link ConnectionConfig#maxRetransmissions()}.
         *
         * @param v see {@link ConnectionConfig#maxRetransmissions()}
         * @return this builder
         */
        public Builder maxRetransmissions(int v) { maxRetransmissions = v; return this; }
        /**
         * Sets {@link ConnectionConfig#delayedAckNanos()}.
         *
         * @param v see {@link ConnectionConfig#delayedAckNanos()}
         * @return this builder
         */
        public Builder delayedAckNanos(long v) { delayedAckNanos = v; return this; }
        /**
         * Sets {@link ConnectionConfig#connectTimeoutNanos()}.
         *
         * @param v see {@link ConnectionConfig#connectTimeoutNanos()}
         * @return this builder
         */
        public Builder connectTimeoutNanos(long v) { connectTimeoutNanos = v; return this; }
        /**
         * Sets {@link ConnectionConfig#keepaliveNanos()}.
         *
         * @param v see {@link ConnectionConfig#keepaliveNanos()}
         * @return this builder
         */
        public Builder keepaliveNanos(long v) { keepaliveNanos = v; return this; }
        /**
         * Sets {@link ConnectionConfig#idleTimeoutNanos()}.
         *
         * @param v see {@link ConnectionConfig#idleTimeoutNanos()}
         * @return this builder
         */
        public Builder idleTimeoutNanos(long v) { idleTimeoutNanos = v; return this; }
        /**
         * Sets {@link ConnectionConfig#timeWaitNanos()}.
         *
         * @param v see {@link ConnectionConfig#timeWaitNanos()}
         * @return this builder
         */
        public Builder timeWaitNanos(long v) { timeWaitNanos = v; return this; }
        /**
         * Sets {@link ConnectionConfig#orphanTimeoutNanos()}.
         *
         * @param v see {@link ConnectionConfig#orphanTimeoutNanos()}
         * @return this builder
         */
        public Builder orphanTimeoutNanos(long v) { orphanTimeoutNanos = v; return this; }
        /**
         * Sets {@link ConnectionConfig#pacing()}.
         *
         * @param v see {@link ConnectionConfig#pacing()}
         * @return this builder
         */
        public Builder pacing(boolean v) { pacing = v; return this; }
        /**
         * Sets {@link ConnectionConfig#receiveMemoryBudget()}.
         *
         * @param v see {@link ConnectionConfig#receiveMemoryBudget()}
         * @return this builder
         */
        public Builder receiveMemoryBudget(long v) { receiveMemoryBudget = v; return this; }
        /**
         * Sets {@link ConnectionConfig#maxConnections()}.
         *
         * @param v see {@link ConnectionConfig#maxConnections()}
         * @return this builder
         */
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        /**
         * Sets {@link ConnectionConfig#authentication()}.
         *
         * @param v see {@link ConnectionConfig#authentication()}
         * @return this builder
         */
        public Builder authentication(Authentication v) { authentication = v; return this; }

        /**
         * Sets {@link ConnectionConfig#pathMtuDiscovery()}.
         *
         * @param v see {@link ConnectionConfig#pathMtuDiscovery()}
         * @return this builder
         */
        public Builder pathMtuDiscovery(boolean v) { pathMtuDiscovery = v; return this; }

        /**
         * The configuration with the values set.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming the value out of range
         */
        public ConnectionConfig build() {
            return new ConnectionConfig(maxDatagramSize, sendBufferSize, receiveBufferSize, congestionControl,
                initialRtoNanos, minRtoNanos, maxRtoNanos, maxRetransmissions, delayedAckNanos, connectTimeoutNanos,
                keepaliveNanos, idleTimeoutNanos, timeWaitNanos, orphanTimeoutNanos, pacing, receiveMemoryBudget,
                maxConnections, authentication, pathMtuDiscovery);
        }
    }

    private static void positive(String name, long v) {
        if (v <= 0) throw new IllegalArgumentException(name + " must be positive: " + v);
    }

    private static void notNegative(String name, long v) {
        if (v < 0) throw new IllegalArgumentException(name + " must not be negative: " + v);
    }
}
