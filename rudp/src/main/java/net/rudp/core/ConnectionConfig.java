package net.rudp.core;

import java.util.Objects;
import net.rudp.congestion.CongestionControl;
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
 * @param pacing                  spread sends over the RTT instead of sending bursts
 */
public record ConnectionConfig(int maxDatagramSize, int sendBufferSize, int receiveBufferSize,
                               CongestionControl congestionControl,
                               long initialRtoNanos, long minRtoNanos, long maxRtoNanos, int maxRetransmissions,
                               long delayedAckNanos, long connectTimeoutNanos, long keepaliveNanos,
                               long idleTimeoutNanos, long timeWaitNanos, boolean pacing) {

    /** The largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM = 65_507;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    public static final ConnectionConfig DEFAULT = new ConnectionConfig(1200, 4 << 20, 4 << 20,
        CongestionControl.CUBIC, S, 200 * MS, 60 * S, 10, 10 * MS, 10 * S, 15 * S, 60 * S, 2 * S, true);

    public ConnectionConfig {
        Objects.requireNonNull(congestionControl, "congestionControl");
        if (maxDatagramSize < PacketCodec.DATA_OVERHEAD + PacketCodec.MIN_MAX_PAYLOAD || maxDatagramSize > MAX_DATAGRAM) {
            throw new IllegalArgumentException("maxDatagramSize must be in [" + (PacketCodec.DATA_OVERHEAD
                + PacketCodec.MIN_MAX_PAYLOAD) + ", " + MAX_DATAGRAM + "]: " + maxDatagramSize);
        }
        positive("sendBufferSize", sendBufferSize);
        positive("receiveBufferSize", receiveBufferSize);
        positive("initialRtoNanos", initialRtoNanos);
        positive("minRtoNanos", minRtoNanos);
        if (maxRtoNanos < minRtoNanos) throw new IllegalArgumentException("maxRto below minRto");
        positive("maxRetransmissions", maxRetransmissions);
        positive("delayedAckNanos", delayedAckNanos);
        positive("connectTimeoutNanos", connectTimeoutNanos);
        notNegative("keepaliveNanos", keepaliveNanos);
        notNegative("idleTimeoutNanos", idleTimeoutNanos);
        notNegative("timeWaitNanos", timeWaitNanos);
    }

    /** The largest DATA payload this side sends or accepts. */
    public int maxPayload() {
        return Math.min(PacketCodec.MAX_PAYLOAD, maxDatagramSize - PacketCodec.DATA_OVERHEAD);
    }

    public ConnectionConfig withMaxDatagramSize(int v) {
        return new ConnectionConfig(v, sendBufferSize, receiveBufferSize, congestionControl, initialRtoNanos, minRtoNanos,
            maxRtoNanos, maxRetransmissions, delayedAckNanos, connectTimeoutNanos, keepaliveNanos, idleTimeoutNanos, timeWaitNanos, pacing);
    }

    public ConnectionConfig withBuffers(int send, int receive) {
        return new ConnectionConfig(maxDatagramSize, send, receive, congestionControl, initialRtoNanos, minRtoNanos,
            maxRtoNanos, maxRetransmissions, delayedAckNanos, connectTimeoutNanos, keepaliveNanos, idleTimeoutNanos, timeWaitNanos, pacing);
    }

    public ConnectionConfig withCongestionControl(CongestionControl v) {
        return new ConnectionConfig(maxDatagramSize, sendBufferSize, receiveBufferSize, v, initialRtoNanos, minRtoNanos,
            maxRtoNanos, maxRetransmissions, delayedAckNanos, connectTimeoutNanos, keepaliveNanos, idleTimeoutNanos, timeWaitNanos, pacing);
    }

    public ConnectionConfig withRetransmission(long initialRto, long minRto, long maxRto, int maxRetries) {
        return new ConnectionConfig(maxDatagramSize, sendBufferSize, receiveBufferSize, congestionControl, initialRto, minRto,
            maxRto, maxRetries, delayedAckNanos, connectTimeoutNanos, keepaliveNanos, idleTimeoutNanos, timeWaitNanos, pacing);
    }

    public ConnectionConfig withConnectTimeout(long v) {
        return new ConnectionConfig(maxDatagramSize, sendBufferSize, receiveBufferSize, congestionControl, initialRtoNanos, minRtoNanos,
            maxRtoNanos, maxRetransmissions, delayedAckNanos, v, keepaliveNanos, idleTimeoutNanos, timeWaitNanos, pacing);
    }

    public ConnectionConfig withKeepalive(long keepalive, long idleTimeout) {
        return new ConnectionConfig(maxDatagramSize, sendBufferSize, receiveBufferSize, congestionControl, initialRtoNanos, minRtoNanos,
            maxRtoNanos, maxRetransmissions, delayedAckNanos, connectTimeoutNanos, keepalive, idleTimeout, timeWaitNanos, pacing);
    }

    public ConnectionConfig withTimeWait(long v) {
        return new ConnectionConfig(maxDatagramSize, sendBufferSize, receiveBufferSize, congestionControl, initialRtoNanos, minRtoNanos,
            maxRtoNanos, maxRetransmissions, delayedAckNanos, connectTimeoutNanos, keepaliveNanos, idleTimeoutNanos, v, pacing);
    }

    public ConnectionConfig withPacing(boolean v) {
        return new ConnectionConfig(maxDatagramSize, sendBufferSize, receiveBufferSize, congestionControl, initialRtoNanos, minRtoNanos,
            maxRtoNanos, maxRetransmissions, delayedAckNanos, connectTimeoutNanos, keepaliveNanos, idleTimeoutNanos, timeWaitNanos, v);
    }

    private static void positive(String name, long v) {
        if (v <= 0) throw new IllegalArgumentException(name + " must be positive: " + v);
    }

    private static void notNegative(String name, long v) {
        if (v < 0) throw new IllegalArgumentException(name + " must not be negative: " + v);
    }
}
