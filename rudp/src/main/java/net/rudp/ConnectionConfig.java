package net.rudp;

import java.util.Objects;
import net.rudp.wire.PacketCodec;

/**
 * A connection's tunables, with the defaults spec/PROTOCOL.md ("Timers") names. Immutable; the
 * {@code with...} methods give modified copies. Durations are in nanoseconds.
 *
 * @param maxDatagramSize         largest datagram sent or accepted (default 1200, as QUIC: fits any path)
 * @param sendBufferSize          bytes written but not yet acknowledged that the connection holds
 * @param receiveBufferSize       bytes received but not yet read; the advertised window's ceiling
 * @param congestionControl       the controller each connection gets
 * @param initialRtoNanos         RTO before the first RTT sample (RFC 6298: 1 s)
 * @param minRtoNanos             RTO floor (200 ms, as Linux)
 * @param maxRtoNanos             RTO ceiling (60 s)
 * @param maxRetransmissions      consecutive timeouts without progress before "connection timed out"
 * @param delayedAckNanos         longest an ACK for a lone packet is held back
 * @param connectTimeoutNanos     handshake gives up after this long
 * @param keepaliveNanos          probe after this long without receiving anything (0: never)
 * @param idleTimeoutNanos        fail after this long without receiving anything (0: never)
 * @param timeWaitNanos           how long TIME_WAIT lasts
 * @param orphanTimeoutNanos      how long a connection the application closed may wait in FIN_WAIT_2
 *                                for the peer's FIN (Linux's tcp_fin_timeout; 0: forever)
 * @param pacing                  spread sends over the RTT instead of sending bursts
 *
 * <p>Serializable, so that socket factories carrying a configuration can be (RMI sends its client
 * socket factory to clients inside every stub); a record deserializes through its validating
 * constructor.
 */
public record ConnectionConfig(int maxDatagramSize, int sendBufferSize, int receiveBufferSize,
                               CongestionControl congestionControl,
                               long initialRtoNanos, long minRtoNanos, long maxRtoNanos, int maxRetransmissions,
                               long delayedAckNanos, long connectTimeoutNanos, long keepaliveNanos,
                               long idleTimeoutNanos, long timeWaitNanos, long orphanTimeoutNanos, boolean pacing)
    implements java.io.Serializable {

    /** The largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM = 65_507;
    /** The advertised window must stay below this (spec 10.1). */
    public static final int MAX_WINDOW = 1 << 30;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    public static final ConnectionConfig DEFAULT = new ConnectionConfig(1200, 4 << 20, 4 << 20,
        CongestionControl.DEFAULT, S, 200 * MS, 60 * S, 10, 10 * MS, 10 * S, 15 * S, 60 * S, 2 * S, 60 * S, true);

    public ConnectionConfig {
        Objects.requireNonNull(congestionControl, "congestionControl");
        if (maxDatagramSize < PacketCodec.DATA_OVERHEAD + PacketCodec.MIN_MAX_PAYLOAD || maxDatagramSize > MAX_DATAGRAM) {
            throw new IllegalArgumentException("maxDatagramSize must be in [" + (PacketCodec.DATA_OVERHEAD
                + PacketCodec.MIN_MAX_PAYLOAD) + ", " + MAX_DATAGRAM + "]: " + maxDatagramSize);
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
    }

    /** The largest DATA payload this side sends or accepts. */
    public int maxPayload() {
        return Math.min(PacketCodec.MAX_PAYLOAD, maxDatagramSize - PacketCodec.DATA_OVERHEAD);
    }

    public ConnectionConfig withMaxDatagramSize(int v) {
        return toBuilder().maxDatagramSize(v).build();
    }

    public ConnectionConfig withBuffers(int send, int receive) {
        return toBuilder().sendBufferSize(send).receiveBufferSize(receive).build();
    }

    public ConnectionConfig withCongestionControl(CongestionControl v) {
        return toBuilder().congestionControl(v).build();
    }

    public ConnectionConfig withRetransmission(long initialRto, long minRto, long maxRto, int maxRetries) {
        return toBuilder().initialRtoNanos(initialRto).minRtoNanos(minRto).maxRtoNanos(maxRto).maxRetransmissions(maxRetries).build();
    }

    public ConnectionConfig withConnectTimeout(long v) {
        return toBuilder().connectTimeoutNanos(v).build();
    }

    public ConnectionConfig withKeepalive(long keepalive, long idleTimeout) {
        return toBuilder().keepaliveNanos(keepalive).idleTimeoutNanos(idleTimeout).build();
    }

    public ConnectionConfig withTimeWait(long v) {
        return toBuilder().timeWaitNanos(v).build();
    }

    public ConnectionConfig withPacing(boolean v) {
        return toBuilder().pacing(v).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a configuration from {@link #DEFAULT} with some values changed. */
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
        }

        public Builder maxDatagramSize(int v) { maxDatagramSize = v; return this; }
        public Builder sendBufferSize(int v) { sendBufferSize = v; return this; }
        public Builder receiveBufferSize(int v) { receiveBufferSize = v; return this; }
        public Builder congestionControl(CongestionControl v) { congestionControl = v; return this; }
        public Builder initialRtoNanos(long v) { initialRtoNanos = v; return this; }
        public Builder minRtoNanos(long v) { minRtoNanos = v; return this; }
        public Builder maxRtoNanos(long v) { maxRtoNanos = v; return this; }
        public Builder maxRetransmissions(int v) { maxRetransmissions = v; return this; }
        public Builder delayedAckNanos(long v) { delayedAckNanos = v; return this; }
        public Builder connectTimeoutNanos(long v) { connectTimeoutNanos = v; return this; }
        public Builder keepaliveNanos(long v) { keepaliveNanos = v; return this; }
        public Builder idleTimeoutNanos(long v) { idleTimeoutNanos = v; return this; }
        public Builder timeWaitNanos(long v) { timeWaitNanos = v; return this; }
        public Builder orphanTimeoutNanos(long v) { orphanTimeoutNanos = v; return this; }
        public Builder pacing(boolean v) { pacing = v; return this; }

        public ConnectionConfig build() {
            return new ConnectionConfig(maxDatagramSize, sendBufferSize, receiveBufferSize, congestionControl,
                initialRtoNanos, minRtoNanos, maxRtoNanos, maxRetransmissions, delayedAckNanos, connectTimeoutNanos,
                keepaliveNanos, idleTimeoutNanos, timeWaitNanos, orphanTimeoutNanos, pacing);
        }
    }

    private static void positive(String name, long v) {
        if (v <= 0) throw new IllegalArgumentException(name + " must be positive: " + v);
    }

    private static void notNegative(String name, long v) {
        if (v < 0) throw new IllegalArgumentException(name + " must not be negative: " + v);
    }
}
