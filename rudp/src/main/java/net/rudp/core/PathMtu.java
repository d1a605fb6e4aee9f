package net.rudp.core;

import net.rudp.ConnectionConfig;
import net.rudp.wire.PacketCodec;

/**
 * The size of the datagrams a connection sends to its peer (spec 9.13): the configured maximum
 * when path MTU discovery is off; with it on, the safe {@value #BASE_DATAGRAM} bytes at first,
 * then what a {@link PathMtuSearch} confirms with padded probes, one outstanding at a time, each
 * lost after one RTO without its answer. An answer that comes later still counts while the search
 * probes the same size: a large probe may take longer than the datagrams the RTO was measured on. When the search is complete below the ceiling, the
 * raise timer ({@value #RAISE_SECONDS} s) starts it again, since paths change.
 *
 * <p>Sizes here are of datagrams on the wire; in the authenticated mode a packet is sealed into
 * one, so its payload and a probe's padding leave room for the sealing (spec/AUTHENTICATED.md 4).
 */
final class PathMtu {
    /** RFC 8899 5.1.2's BASE_PLPMTU for a transport over UDP: QUIC's 1200, which fits any IPv4 or IPv6 path. */
    static final int BASE_DATAGRAM = 1_200;
    /** RFC 8899 5.1.1: "PMTU_RAISE_TIMER: ... The default value is 600 seconds". */
    static final long RAISE_SECONDS = 600;
    private static final long RAISE_NANOS = RAISE_SECONDS * 1_000_000_000L;

    private final ConnectionConfig config;
    private final TimerTable timers;
    /** What sealing adds to a packet in the authenticated mode; 0 in plain rudp. */
    private final int sealing;
    /** Null when discovery is off or the ceiling leaves nothing to search. */
    private PathMtuSearch search;
    private int datagram;
    /** Whether a probe awaits its answer (until the path MTU timer gives it up). */
    private boolean outstanding;
    /** The size the latest probes had, 0 after a result; the probes of one size form a run. */
    private int probeSize;
    /** The TSvals of the run's first and latest probes: an answer echoes one of them, or one between. */
    private int firstTimestamp;
    private int latestTimestamp;

    PathMtu(ConnectionConfig config, TimerTable timers) {
        this.config = config;
        this.timers = timers;
        this.sealing = sealing(config);
        this.datagram = initialDatagram(config);
    }

    /** The datagram size a connection with {@code config} starts with. */
    static int initialDatagram(ConnectionConfig config) {
        return config.pathMtuDiscovery() ? Math.min(BASE_DATAGRAM, config.maxDatagramSize()) : config.maxDatagramSize();
    }

    /**
     * The DATA payload of that first datagram size. The receive memory's chunks have this size,
     * not the ceiling's: data a peer sends costs memory in proportion to its bytes (spec 10.5).
     */
    static int initialSegmentSize(ConnectionConfig config) {
        return payloadOf(initialDatagram(config) - sealing(config));
    }

    private static int sealing(ConnectionConfig config) {
        return config.maxDatagramSize() - config.maxPacketSize();
    }

    private static int payloadOf(int packetSize) {
        return Math.min(PacketCodec.MAX_PAYLOAD, packetSize - PacketCodec.DATA_OVERHEAD);
    }

    /** The largest datagram to send now. */
    int datagramSize() {
        return datagram;
    }

    /** The largest packet (before sealing) that fits in {@link #datagramSize()}. */
    int packetSize() {
        return packetSizeOf(datagram);
    }

    /** The packet (before sealing) that makes a datagram of {@code datagramSize} bytes. */
    int packetSizeOf(int datagramSize) {
        return datagramSize - sealing;
    }

    /** The largest DATA payload that fits in {@link #datagramSize()}. */
    int payload() {
        return payloadOf(packetSize());
    }

    /** The handshake settled the largest payload both sides take: the search may go up to its datagram. */
    void start(int segmentSize) {
        int ceiling = Math.min(config.maxDatagramSize(), segmentSize + PacketCodec.DATA_OVERHEAD + sealing);
        datagram = Math.min(datagram, ceiling);
        if (config.pathMtuDiscovery() && ceiling > datagram) search = new PathMtuSearch(datagram, ceiling);
    }

    /** The size of the probe to send now, or 0: none is outstanding and the search has a candidate. */
    int probeDue() {
        return search == null || outstanding ? 0 : search.candidate();
    }

    /** A probe of {@code size} bytes with TSval {@code timestamp} went out; unanswered by {@code deadline}, it is lost. */
    void onProbeSent(int size, int timestamp, long deadline) {
        if (size != probeSize) firstTimestamp = timestamp;
        probeSize = size;
        latestTimestamp = timestamp;
        outstanding = true;
        timers.set(Timer.PATH_MTU, deadline);
    }

    /**
     * The peer answered a path MTU probe whose TSval was {@code echo}; returns whether the
     * datagram size grew. An answer to a probe of another size than the latest confirms nothing.
     */
    boolean onAnswer(int echo, long now) {
        if (probeSize == 0 || echo - firstTimestamp < 0 || latestTimestamp - echo < 0) return false;
        boolean grew = search.onProbeAcknowledged(probeSize);
        datagram = search.confirmed();
        probeSize = 0;
        probeDone(now);
        return grew;
    }

    /** The path MTU timer fired at {@code now}: the outstanding probe is lost, or it is time to search again. */
    void onTimer(long now) {
        if (!timers.hasExpired(Timer.PATH_MTU, now)) return;
        timers.stop(Timer.PATH_MTU);
        if (!outstanding) {
            search.raise();
            return;
        }
        search.onProbeLost(probeSize);
        probeDone(now);
    }

    private void probeDone(long now) {
        outstanding = false;
        timers.stop(Timer.PATH_MTU);
        if (search.candidate() == 0 && search.belowCeiling()) timers.set(Timer.PATH_MTU, now + RAISE_NANOS);
    }

    /**
     * Datagrams of the current size are not getting through (spec 9.13's black-hole rule): back
     * to the base size, and the search starts again. Returns whether the size fell.
     */
    boolean onBlackHole(long now) {
        if (search == null || datagram == search.base()) return false;
        search.onBlackHole();
        datagram = search.confirmed();
        probeSize = 0;
        probeDone(now);
        return true;
    }

    @Override
    public String toString() {
        return "PathMtu[" + datagram + (search == null ? "" : ", " + search) + "]";
    }
}
