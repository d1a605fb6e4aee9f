package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionState;
import net.rudp.ConnectionStats;
import net.rudp.ConnectionTracer;
import net.rudp.congestion.AckSample;
import net.rudp.congestion.CongestionController;
import net.rudp.congestion.CongestionControllers;
import net.rudp.congestion.LossSample;
import net.rudp.congestion.Pacer;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.ResetReason;
import net.rudp.wire.SeqNum;
import net.rudp.wire.SeqRange;

/**
 * One rudp connection as a sans-I/O state machine (spec/PROTOCOL.md, "State machine").
 *
 * <p>It takes decoded packets ({@link #onPacket}), application writes and reads, close requests
 * and the current time, and gives back datagrams ({@link #flush}), its next deadline
 * ({@link #nextDeadline}) and events ({@link ConnectionEvents}). It never reads a clock, starts a
 * thread or touches a socket: the same inputs always give the same outputs.
 *
 * <p>Sequence space: internally every position is a 64-bit offset that never wraps; offset 0 is
 * the SYN, data byte {@code k} is offset {@code 1 + k}, and the FIN takes the offset after the
 * last data byte. On the wire, sequence number = ISN + offset (mod 2^32).
 *
 * <p>Not thread-safe: the endpoint that owns it serializes every call (the I/O driver holds the
 * endpoint's lock).
 */
public final class Connection {

    /** What the connection tells the endpoint that owns it. */
    interface Owner {
        /** The connection has output, a new deadline or events: service it at the next flush. */
        void touched(Connection c);

        /** A server-side connection completed its handshake: queue it for accept(). */
        void established(Connection c);
    }

    private static final long MS = 1_000_000L;
    /** RFC 8985 7.2: the tail-loss probe fires no sooner than this after the last send. */
    private static final long MIN_TLP_NANOS = 10 * MS;
    /** RFC 6675 / RFC 5681 DupThresh: segments SACKed above a hole before it is lost. */
    private static final int DUP_THRESH = 3;
    /** RFC 8985 6.2.4: "RACK.reo_wnd_persist" loss recoveries before the window shrinks back. */
    private static final int REORDER_WINDOW_PERSIST = 16;

    // Bookkeeping for the owner's timer heap and service list.
    int heapIndex = -1;
    long heapKey;
    boolean queued;

    private final Owner owner;
    private final ConnectionConfig config;
    private final InetSocketAddress remote;
    private final int localId;
    private final boolean client;
    private final CongestionController cc;
    private final RttEstimator rtt;
    private final int isn;

    private ConnectionState state;
    private ConnectionError error;
    private int events;
    private int remoteId;
    private int peerIsn;
    private int mss;

    // Handshake.
    private final long handshakeStart;
    private long handshakeRetryAt;
    private int handshakeTries;
    private boolean handshakeDue;

    // Send side; offsets in our sequence space.
    private final ByteRing sendRing;
    private final RetransmissionQueue queue = new RetransmissionQueue();
    private final NewestDelivered newest = new NewestDelivered();
    private long sndUna = 1;
    private long sndNxt = 1;
    private long writeEnd = 1;
    private long finOffset = -1;
    private long sndWndRight = 1;
    private long bytesInFlight;
    private int sackedSegments;
    private int lostSegments;
    private int retransmittedOutstanding;
    private long rtoAt = Long.MAX_VALUE;
    private int consecutiveRtos;
    private long tlpAt = Long.MAX_VALUE;
    private boolean tlpDue;
    private long lossTimerAt = Long.MAX_VALUE;
    private long persistAt = Long.MAX_VALUE;
    private int persistBackoff;
    private final Pacer pacer;
    private long nextSendTime;
    /** The last flush stopped only because the pacer holds the next packet until {@link #nextSendTime}. */
    private boolean pacingWait;
    private ByteBuffer wrapScratch;
    private ResetReason resetDue;
    private boolean closedByApp;
    /**
     * The loss episode a spurious-retransmission proof may still undo (RFC 3522 / RFC 4015, with
     * Linux's rule that an undo needs every retransmission of the episode proven unnecessary):
     * active from the first loss until the cumulative ACK passes what had been sent then.
     */
    private boolean undoEpisode;
    private long undoRecoveryPoint;
    private int undoRetransmissions;
    private int undoProvenSpurious;

    // Delivery-rate estimation (draft-cheng-iccrg-delivery-rate-estimation).
    private long delivered;
    private long deliveredTime;
    private long firstSentTime;
    private long appLimitedUntil;
    private long deliveryRate;
    // RACK (RFC 8985): the send time of the most recently sent segment known delivered.
    private long rackXmitTime = -1;
    private long rackRtt;
    /**
     * RFC 8985 6.2.4: the reordering window grows by one quarter of min RTT each time a
     * retransmission proves spurious (the path reorders more than assumed), and returns to one
     * quarter after {@value #REORDER_WINDOW_PERSIST} loss episodes without such proof.
     */
    private int reorderWindowMultiplier = 1;
    private int episodesSinceReorderGrowth;

    // Receive side; offsets in the peer's sequence space.
    private final ByteRing receiveRing;
    private final RangeSet outOfOrder = new RangeSet();
    private long readOffset = 1;
    private long rcvNxt = 1;
    private long advertisedRight;
    private long peerFinOffset = -1;
    private boolean finReceived;
    private boolean ackNow;
    private int unackedPackets;
    private long ackAt = Long.MAX_VALUE;
    private int echoTimestamp;
    private long lastOutOfOrderStart = -1;
    private boolean nackDue;
    private boolean corruptSeen;
    private long lastNackTime = Long.MIN_VALUE / 2;
    private boolean probeDue;

    // Liveness.
    private long lastReceiveTime;
    private long lastProbeTime;
    private long timeWaitUntil = Long.MAX_VALUE;
    private long finWait2Since;

    private ConnectionTracer tracer;
    private long tracedCwnd = -1;
    /** The driver's object for this connection (its blocking handle); the core never reads it. */
    private Object attachment;

    // Counters for stats.
    private long bytesSent;
    private long bytesRetransmitted;
    private long bytesReceived;
    private long packetsSent;
    private long packetsReceived;
    private long packetsLost;
    private long spurious;
    private long rtoCount;
    private long corruptReceived;

    private Connection(Owner owner, ConnectionConfig config, InetSocketAddress remote, int localId, int isn,
                       boolean client, ConnectionState initial, long now) {
        this.owner = owner;
        this.config = config;
        this.remote = remote;
        this.localId = localId;
        this.isn = isn;
        this.client = client;
        this.state = initial;
        this.mss = config.maxPayload();
        // The seed only varies BBR's probing phase; derived from the ISN, it keeps runs replayable.
        this.cc = CongestionControllers.create(config.congestionControl(), mss, isn ^ ((long) localId << 32));
        this.pacer = new Pacer(mss);
        this.rtt = new RttEstimator(config.initialRtoNanos(), config.minRtoNanos(), config.maxRtoNanos());
        this.sendRing = new ByteRing(config.sendBufferSize());
        this.receiveRing = new ByteRing(config.receiveBufferSize());
        this.advertisedRight = 1 + config.receiveBufferSize();
        this.handshakeStart = now;
        this.handshakeRetryAt = now + config.initialRtoNanos();
        this.handshakeDue = true;
        this.lastReceiveTime = now;
    }

    /** A client connection: sends its call request (SYN) at the next flush. */
    static Connection connect(Owner owner, ConnectionConfig config, InetSocketAddress remote, int localId, int isn, long now) {
        return new Connection(owner, config, remote, localId, isn, true, ConnectionState.CALL_SENT, now);
    }

    /** A server connection for a call request: sends its call accept (SYN-ACK) at the next flush. */
    static Connection accept(Owner owner, ConnectionConfig config, InetSocketAddress remote, int localId, int isn,
                             Packet.Syn syn, long now) {
        Connection c = new Connection(owner, config, remote, localId, isn, false, ConnectionState.CALL_RECEIVED, now);
        c.remoteId = syn.header().srcConnId();
        c.peerIsn = syn.header().seq();
        c.mss = Math.min(c.mss, syn.maxPayload());
        c.sndWndRight = 1 + Integer.toUnsignedLong(syn.header().window());
        c.echoTimestamp = syn.header().timestamp();
        return c;
    }

    // ---------------------------------------------------------------- application side

    public ConnectionState state() {
        return state;
    }

    /** Why the connection failed, or null. */
    public ConnectionError error() {
        return error;
    }

    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** Attaches the driver's object for this connection, as a {@code SelectionKey} carries one; null detaches. */
    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    /** What {@link #attach} attached, or null. */
    public Object attachment() {
        return attachment;
    }

    public int localId() {
        return localId;
    }

    public boolean isClient() {
        return client;
    }

    /** The largest DATA payload this connection sends. */
    public int maxSegmentSize() {
        return mss;
    }

    /**
     * Copies as much of {@code src} as the send buffer has room for; returns the bytes taken
     * (0 when the buffer is full: wait for {@link ConnectionEvents#WRITABLE}).
     *
     * @throws IllegalStateException if output is shut down or the connection failed
     */
    public int write(ByteBuffer src) {
        if (error != null) throw new IllegalStateException(error.message);
        if (finOffset >= 0 || closedByApp) throw new IllegalStateException("output is shut down");
        int n = (int) Math.min(src.remaining(), writableBytes());
        if (n == 0) return 0;
        sendRing.ensureSpan(sndUna, writeEnd, (int) (writeEnd + n - sndUna));
        sendRing.write(writeEnd, src, n);
        writeEnd += n;
        owner.touched(this);
        return n;
    }

    /** Room left in the send buffer. */
    public int writableBytes() {
        return (int) (config.sendBufferSize() - (writeEnd - sndUna));
    }

    /** Bytes written by the application and not yet acknowledged by the peer. */
    public long unacknowledgedBytes() {
        return writeEnd - sndUna;
    }

    /**
     * Copies received in-order bytes into {@code dst}; returns the count, 0 if none is ready yet,
     * or -1 at the end of the stream (the peer's FIN was reached).
     */
    public int read(ByteBuffer dst) {
        int available = readableBytes();
        if (available == 0) return finReceived ? -1 : 0;
        int n = Math.min(available, dst.remaining());
        receiveRing.read(readOffset, dst, n);
        readOffset += n;
        maybeSendWindowUpdate();
        return n;
    }

    /** In-order bytes ready to read. */
    public int readableBytes() {
        long end = finReceived ? peerFinOffset : rcvNxt;
        return (int) (end - readOffset);
    }

    /** Whether the peer finished sending and everything it sent has been read. */
    public boolean isEndOfStream() {
        return finReceived && readableBytes() == 0;
    }

    /** Half-close: sends FIN after the data already written; the other direction stays open. */
    public void shutdownOutput() {
        if (finOffset >= 0 || error != null || state == ConnectionState.CLOSED) return;
        finOffset = writeEnd;
        if (state == ConnectionState.ESTABLISHED) state = ConnectionState.FIN_WAIT_1;
        else if (state == ConnectionState.CLOSE_WAIT) state = ConnectionState.LAST_ACK;
        owner.touched(this);
    }

    /**
     * Graceful close: what was written is still delivered, then FIN. As with TCP (RFC 9293
     * 3.10.4 and RFC 2525 2.17), closing with received data unread, or receiving new data
     * afterwards, resets the connection instead, because the application will never see it.
     */
    public void close() {
        if (closedByApp) return;
        closedByApp = true;
        if (readableBytes() > 0) {
            abort();
            return;
        }
        shutdownOutput();
    }

    /** Abortive close (linger 0): sends RST and drops all data. */
    public void abort() {
        closedByApp = true;
        if (state == ConnectionState.CLOSED || state == ConnectionState.TIME_WAIT) return;
        if (state != ConnectionState.CALL_SENT || handshakeTries > 0) resetDue = ResetReason.ABORT;
        fail(ConnectionError.ABORTED);
    }

    /** Whether {@link #close()} or {@link #abort()} was called. */
    public boolean isClosedByApplication() {
        return closedByApp;
    }

    /** Whether the FIN was sent and everything before it acknowledged. */
    public boolean isOutputDrained() {
        return finOffset >= 0 && sndUna > finOffset;
    }

    public ConnectionStats stats() {
        return new ConnectionStats(state, cc.name(), rtt.smoothedRtt(), rtt.rttVariation(), rtt.minRtt(), rtt.rto(),
            cc.congestionWindow(), cc.slowStartThreshold(), bytesInFlight, pacer.rate(), deliveryRate,
            bytesSent, delivered, bytesRetransmitted, bytesReceived, packetsSent, packetsReceived, packetsLost,
            spurious, rtoCount, Math.max(0, sndWndRight - sndNxt), Math.max(0, advertisedRight - rcvNxt), corruptReceived);
    }

    /** Sends this connection's events to {@code t} from now on (null: stop tracing). */
    public void setTracer(ConnectionTracer t) {
        this.tracer = t;
    }

    /** Events raised since the last call; clears them. */
    public int takeEvents() {
        int e = events;
        events = 0;
        return e;
    }

    // ---------------------------------------------------------------- endpoint side

    /** The earliest time {@link #onTimeout} has work, or {@code Long.MAX_VALUE}. */
    long nextDeadline() {
        return switch (state) {
            case CLOSED -> Long.MAX_VALUE;
            case CALL_SENT, CALL_RECEIVED -> Math.min(handshakeRetryAt, handshakeStart + config.connectTimeoutNanos());
            case TIME_WAIT -> timeWaitUntil;
            default -> {
                long d = Math.min(Math.min(rtoAt, tlpAt), Math.min(lossTimerAt, persistAt));
                d = Math.min(d, ackAt);
                if (config.idleTimeoutNanos() > 0) d = Math.min(d, lastReceiveTime + config.idleTimeoutNanos());
                if (config.keepaliveNanos() > 0) d = Math.min(d, Math.max(lastReceiveTime, lastProbeTime) + config.keepaliveNanos());
                if (pacingWait) d = Math.min(d, nextSendTime);
                if (orphaned()) d = Math.min(d, finWait2Since + config.orphanTimeoutNanos());
                yield d;
            }
        };
    }

    boolean isTerminated() {
        return state == ConnectionState.CLOSED && resetDue == null;
    }

    boolean isHandshaking() {
        return state == ConnectionState.CALL_SENT || state == ConnectionState.CALL_RECEIVED;
    }

    /**
     * ICMP port unreachable from the peer's address. As Linux TCP does (RFC 1122 4.2.3.9 makes it
     * a soft error), it refuses a call still in progress and is ignored once connected.
     */
    void onPortUnreachable() {
        if (state == ConnectionState.CALL_SENT) fail(ConnectionError.REFUSED);
    }

    /** A datagram from this connection's peer failed its checksum: tell the sender with a NACK. */
    void onCorruptDatagram(long now) {
        corruptReceived++;
        // Only a synchronized connection knows the peer's id to address the NACK to (spec 6.2).
        if (!isHandshaking() && state != ConnectionState.CLOSED && state != ConnectionState.TIME_WAIT) {
            corruptSeen = true;
            if (now - lastNackTime >= nackInterval()) nackDue = true;
            owner.touched(this);
        }
    }

    void onTimeout(long now) {
        switch (state) {
            case CLOSED -> { return; }
            case CALL_SENT, CALL_RECEIVED -> {
                if (now >= handshakeStart + config.connectTimeoutNanos()) {
                    // A server's half-open connection vanishes silently; a client learns why.
                    fail(ConnectionError.TIMED_OUT);
                } else if (now >= handshakeRetryAt) {
                    handshakeTries++;
                    handshakeDue = true;
                    handshakeRetryAt = now + (config.initialRtoNanos() << Math.min(handshakeTries, 20));
                }
                owner.touched(this);
                return;
            }
            case TIME_WAIT -> {
                if (now >= timeWaitUntil) {
                    state = ConnectionState.CLOSED;
                    owner.touched(this);
                }
                return;
            }
            default -> { }
        }
        if (orphaned() && now >= finWait2Since + config.orphanTimeoutNanos()) {
            // Linux's tcp_fin_timeout: nobody will read what the peer might still send, and a peer
            // that answers keepalives but never closes must not pin this connection forever.
            resetDue = ResetReason.TIMEOUT;
            state = ConnectionState.CLOSED;
            raise(ConnectionEvents.CLOSED);
            owner.touched(this);
            return;
        }
        if (config.idleTimeoutNanos() > 0 && now >= lastReceiveTime + config.idleTimeoutNanos()) {
            resetDue = ResetReason.TIMEOUT;
            fail(ConnectionError.TIMED_OUT);
            return;
        }
        if (config.keepaliveNanos() > 0 && now >= Math.max(lastReceiveTime, lastProbeTime) + config.keepaliveNanos()) {
            probeDue = true;
            lastProbeTime = now;
        }
        if (now >= ackAt) {
            ackNow = true;
        }
        if (now >= rtoAt) {
            onRetransmissionTimeout(now);
            if (state == ConnectionState.CLOSED) return;
        } else {
            if (now >= lossTimerAt) {
                lossTimerAt = Long.MAX_VALUE;
                detectLosses(now);
            }
            if (now >= tlpAt) {
                // RFC 8985 7.3: "the sender SHOULD ... retransmit the highest-sequence segment
                // sent so far" when no new data can be sent, to elicit an ACK that reveals tail losses.
                tlpAt = Long.MAX_VALUE;
                tlpDue = true;
            }
        }
        if (now >= persistAt) {
            probeDue = true;
            persistBackoff++;
            persistAt = now + Math.min(config.maxRtoNanos(), rtt.rto() << Math.min(persistBackoff, 20));
        }
        owner.touched(this);
    }

    private void onRetransmissionTimeout(long now) {
        if (queue.isEmpty()) {
            rtoAt = Long.MAX_VALUE;
            return;
        }
        consecutiveRtos++;
        if (consecutiveRtos > config.maxRetransmissions()) {
            resetDue = ResetReason.TIMEOUT;
            fail(ConnectionError.TIMED_OUT);
            return;
        }
        rtoCount++;
        rtt.backOff();
        startUndoEpisode();
        cc.onRetransmissionTimeout(now, bytesInFlight);
        // As Linux's loss state does: everything outstanding and not SACKed is presumed lost and
        // resent in sequence order as the collapsed window allows (RFC 6298 5.4 resends the first).
        for (long seg = queue.head(); seg < queue.tail(); seg++) {
            if (!queue.has(seg, RetransmissionQueue.SACKED | RetransmissionQueue.LOST)) markLost(seg, now, ConnectionTracer.LossTrigger.TIMEOUT);
        }
        tlpAt = Long.MAX_VALUE;
        lossTimerAt = Long.MAX_VALUE;
        rtoAt = now + rtt.rto();
        traceMetrics(now);
    }

    /** Handles one decoded packet addressed to this connection. */
    void onPacket(Packet p, long now) {
        Header h = p.header();
        // Spec 5: once the peer's id is known, a packet from another id is not from this connection.
        if (state != ConnectionState.CALL_SENT && h.srcConnId() != remoteId) return;
        packetsReceived++;
        if (tracer != null) tracePacketReceived(p, now);
        switch (state) {
            case CLOSED -> { return; }
            case CALL_SENT -> {
                onPacketWhileCalling(p, now);
                owner.touched(this);
                return;
            }
            case CALL_RECEIVED -> {
                if (p instanceof Packet.Syn) {
                    handshakeDue = true; // our call accept was lost
                    owner.touched(this);
                    return;
                }
                if (p instanceof Packet.Rst) {
                    if (h.seq() == peerIsn + 1) fail(ConnectionError.RESET);
                    return;
                }
                // RFC 6528's ISN is our cookie: the third packet must acknowledge exactly ISN + 1.
                if (h.ack() != isn + 1) {
                    resetDue = ResetReason.PROTOCOL_VIOLATION;
                    fail(ConnectionError.RESET);
                    return;
                }
                sndUna = 1;
                rttSampleFromEcho(h, now);
                enterEstablished();
                owner.established(this);
            }
            case TIME_WAIT -> {
                // RFC 9293 3.10.7.4: in TIME-WAIT "the only thing that can arrive ... is a
                // retransmission of the remote FIN. Acknowledge it, and restart the 2 MSL timeout."
                // A retransmission of data whose ACK was lost is answered the same way.
                if (p instanceof Packet.Fin || p instanceof Packet.Data || p instanceof Packet.Probe) {
                    ackNow = true;
                    echoTimestamp = h.timestamp();
                    if (p instanceof Packet.Fin) timeWaitUntil = Long.MIN_VALUE; // restarted at the next flush
                    owner.touched(this);
                }
                return;
            }
            default -> { }
        }
        lastReceiveTime = now;
        switch (p) {
            case Packet.Rst r -> {
                onReset(r);
                return;
            }
            case Packet.Syn s -> { return; } // a stale duplicate of the peer's call request
            case Packet.SynAck s -> {
                ackNow = true; // our handshake ACK was lost
                echoTimestamp = h.timestamp();
                owner.touched(this);
                return;
            }
            default -> { }
        }
        onAcknowledgement(h, p instanceof Packet.Ack a ? a.sackRanges() : List.of(), now);
        switch (p) {
            case Packet.Data d -> onData(h, d.payload(), now);
            case Packet.Fin f -> onFin(h);
            case Packet.Nack n -> onNack(n, now);
            case Packet.Probe pr -> {
                ackNow = true;
                echoTimestamp = h.timestamp();
            }
            default -> { }
        }
        owner.touched(this);
    }

    private void tracePacketReceived(Packet p, long now) {
        int length = switch (p) {
            case Packet.Data d -> d.payload().remaining();
            case Packet.Syn s -> 1;
            case Packet.SynAck s -> 1;
            case Packet.Fin f -> 1;
            default -> 0;
        };
        long offset = state == ConnectionState.CALL_SENT ? 0 : peerOffset(p.header().seq());
        tracer.packetReceived(now, p.type().name(), offset, length);
    }

    private void traceMetrics(long now) {
        if (tracer != null && cc.congestionWindow() != tracedCwnd) {
            tracedCwnd = cc.congestionWindow();
            tracer.metricsUpdated(now, tracedCwnd, bytesInFlight, rtt.smoothedRtt(), pacer.rate());
        }
    }

    private void onPacketWhileCalling(Packet p, long now) {
        Header h = p.header();
        if (p instanceof Packet.SynAck sa && h.ack() == isn + 1) {
            remoteId = h.srcConnId();
            peerIsn = h.seq();
            mss = Math.min(mss, sa.maxPayload());
            sndUna = 1;
            sndWndRight = 1 + Integer.toUnsignedLong(h.window());
            lastReceiveTime = now;
            rttSampleFromEcho(h, now);
            enterEstablished();
            ackNow = true;
            echoTimestamp = h.timestamp();
        } else if (p instanceof Packet.Rst r && h.ack() == isn + 1) {
            fail(r.reason() == ResetReason.REFUSED ? ConnectionError.REFUSED : ConnectionError.RESET);
        }
    }

    private void enterEstablished() {
        state = finOffset >= 0 ? ConnectionState.FIN_WAIT_1 : ConnectionState.ESTABLISHED;
        handshakeRetryAt = Long.MAX_VALUE;
        raise(ConnectionEvents.CONNECTED | ConnectionEvents.WRITABLE);
    }

    private void onReset(Packet.Rst r) {
        // Blind-reset protection in the spirit of RFC 5961 3: only an RST whose sequence number
        // falls in the receive window is believed.
        long off = peerOffset(r.header().seq());
        if (off >= rcvNxt && off < Math.max(advertisedRight, rcvNxt + 1)) {
            if ((state == ConnectionState.LAST_ACK || state == ConnectionState.CLOSING) && sndUna >= finOffset) {
                // RFC 9293 3.10.7.4: "CLOSING STATE, LAST-ACK STATE ... If the RST bit is set, then
                // enter the CLOSED state". Every byte both ways was delivered (only our FIN's ACK is
                // missing: the peer, past its TIME_WAIT, no longer knows us), so nothing was lost.
                state = ConnectionState.CLOSED;
                raise(ConnectionEvents.CLOSED);
                return;
            }
            fail(r.reason() == ResetReason.TIMEOUT ? ConnectionError.TIMED_OUT : ConnectionError.RESET);
        }
    }

    // ---------------------------------------------------------------- sender: acknowledgements

    private void onAcknowledgement(Header h, List<SeqRange> sacks, long now) {
        long ack = ourOffset(h.ack());
        long sndMax = sndNxt;
        if (ack < sndUna || ack > sndMax) {
            if (ack > sndMax) ackNow = true; // RFC 9293 3.10.7.4: an ACK for data not yet sent is answered, then dropped
            return;
        }
        long right = ack + Integer.toUnsignedLong(h.window());
        if (right > sndWndRight) sndWndRight = right;

        long ackedBytes = 0;
        newest.reset();
        boolean progress = ack > sndUna;
        while (!queue.isEmpty() && queue.end(queue.head()) <= ack) {
            long seg = queue.head();
            if (queue.has(seg, RetransmissionQueue.SACKED)) {
                sackedSegments--;
            } else {
                ackedBytes += delivered(seg, h, now);
            }
            if (queue.has(seg, RetransmissionQueue.RETRANSMITTED)) retransmittedOutstanding--;
            if (queue.has(seg, RetransmissionQueue.LOST)) lostSegments--;
            queue.removeHead();
        }
        if (progress) {
            sndUna = ack;
            raise(ConnectionEvents.WRITABLE);
            // Everything sent before the episode is acknowledged and not every retransmission was
            // proven unnecessary: the losses were real, and the reduction stands.
            if (undoEpisode && sndUna >= undoRecoveryPoint && undoProvenSpurious < undoRetransmissions) undoEpisode = false;
        }
        for (SeqRange r : sacks) {
            long s = Math.max(sndUna, ourOffset(r.start()));
            long e = Math.min(sndMax, ourOffset(r.end()));
            if (s >= e) continue;
            long seg = queue.find(s);
            for (; seg >= 0 && seg < queue.tail() && queue.end(seg) <= e; seg++) {
                if (queue.has(seg, RetransmissionQueue.SACKED)) continue;
                if (queue.has(seg, RetransmissionQueue.LOST)) {
                    queue.clear(seg, RetransmissionQueue.LOST);
                    lostSegments--;
                    bytesInFlight += queue.length(seg); // delivered() takes it out again
                }
                ackedBytes += delivered(seg, h, now);
                queue.set(seg, RetransmissionQueue.SACKED);
                sackedSegments++;
            }
        }
        if (ackedBytes > 0) {
            long sample = rttSampleFromEcho(h, now);
            consecutiveRtos = 0;
            deliveredTime = now;
            firstSentTime = newest.sent;
            long rate = newest.rate(delivered, now, rtt.minRtt());
            if (rate > 0 && (!newest.appLimited || rate > deliveryRate)) deliveryRate = rate;
            cc.onAck(new AckSample(now, ackedBytes, sample, rtt.smoothedRtt(), bytesInFlight, rate, newest.appLimited,
                newest.sent, delivered, newest.priorDelivered));
            traceMetrics(now);
            // RFC 6298 5.3: "When an ACK is received that acknowledges new data, restart the
            // retransmission timer so that it will expire after RTO seconds".
            rtoAt = queue.isEmpty() ? Long.MAX_VALUE : now + rtt.rto();
            armTailLossProbe(now);
        }
        detectLosses(now);
        onOurFinAcknowledged();
        if (queue.isEmpty() && finOffset >= 0 && sndUna > finOffset) raise(ConnectionEvents.OUTPUT_DRAINED);
    }

    /**
     * Accounts for segment {@code seg} reaching the peer; returns its bytes. Also detects a
     * spurious retransmission (RFC 3522, the Eifel algorithm): when the ACK echoes a timestamp
     * older than the retransmission, the original arrived and the retransmission was not needed.
     */
    private long delivered(long seg, Header h, long now) {
        int len = queue.length(seg);
        if (!queue.has(seg, RetransmissionQueue.LOST)) bytesInFlight -= len;
        delivered += len;
        long sent = queue.sentTime(seg);
        newest.offer(queue, seg);
        boolean ambiguous = false;
        if (queue.has(seg, RetransmissionQueue.RETRANSMITTED) && h.timestampEcho() != 0
            && h.timestampEcho() - micros(sent) < 0) {
            ambiguous = true;
            if (!queue.has(seg, RetransmissionQueue.PROBE)) {
                spurious++;
                if (episodesSinceReorderGrowth > 0 || reorderWindowMultiplier == 1) {
                    // At most one growth per episode, as RFC 8985 grows once per round trip.
                    reorderWindowMultiplier = Math.min(reorderWindowMultiplier + 1, 64);
                    episodesSinceReorderGrowth = 0;
                }
                if (undoEpisode && ++undoProvenSpurious >= undoRetransmissions) {
                    cc.onSpuriousLoss(now);
                    undoEpisode = false;
                }
            }
        }
        // RFC 8985 6.2 step 2: a delivery that may belong to an earlier transmission says
        // nothing about this transmission's send time.
        if (!ambiguous && sent > rackXmitTime) {
            rackXmitTime = sent;
            rackRtt = Math.max(0, now - sent);
        }
        return len;
    }

    /**
     * The newest segment an ACK delivered, as Delivery Rate Estimation
     * (draft-cheng-iccrg-delivery-rate-estimation) samples it: the state stamped on it when sent.
     */
    private static final class NewestDelivered {
        long sent;
        long priorDelivered;
        long priorTime;
        long firstSent;
        boolean appLimited;

        void reset() {
            sent = Long.MIN_VALUE;
        }

        void offer(RetransmissionQueue q, long seg) {
            if (q.sentTime(seg) <= sent) return;
            sent = q.sentTime(seg);
            priorDelivered = q.deliveredAtSend(seg);
            priorTime = q.deliveredTimeAtSend(seg);
            firstSent = q.firstSentTimeAtSend(seg);
            appLimited = q.has(seg, RetransmissionQueue.APP_LIMITED);
        }

        /** Bytes per second over the sample's interval; 0 when the interval is shorter than min RTT (draft 3.3). */
        long rate(long delivered, long now, long minRtt) {
            if (sent == Long.MIN_VALUE) return 0;
            long interval = Math.max(sent - firstSent, now - priorTime);
            if (interval <= 0 || interval < minRtt) return 0;
            return (delivered - priorDelivered) * 1_000_000_000L / interval;
        }
    }

    private long rttSampleFromEcho(Header h, long now) {
        if (h.timestampEcho() == 0) return 0;
        long sample = (long) (micros(now) - h.timestampEcho()) * 1_000;
        if (sample < 0) return 0;
        rtt.onSample(sample, now);
        return sample;
    }

    /**
     * Loss detection (spec: "Loss detection"): a segment is lost once {@value #DUP_THRESH}
     * segments above it were SACKed (RFC 6675 IsLost), or once a segment sent after it was
     * delivered and a reordering window has passed since it was sent (RFC 8985 6.2:
     * "RACK.xmit_ts >= Segment.xmit_ts AND now >= Segment.xmit_ts + RACK.rtt + RACK.reo_wnd").
     */
    private void detectLosses(long now) {
        lossTimerAt = Long.MAX_VALUE;
        if (queue.isEmpty() || (sackedSegments == 0 && retransmittedOutstanding == 0)) return;
        // RFC 8985 6.2.4: "RACK.reo_wnd = min((RACK.reo_wnd_mult * RACK.min_RTT) / 4, SRTT)".
        long reorderWindow = Math.min(reorderWindowMultiplier * rtt.minRtt() / 4, rtt.smoothedRtt());
        long lostBytes = 0;
        long largestLostSent = Long.MIN_VALUE;
        int sackedAbove = 0;
        for (long seg = queue.tail() - 1; seg >= queue.head(); seg--) {
            if (queue.has(seg, RetransmissionQueue.SACKED)) {
                sackedAbove++;
                continue;
            }
            if (queue.has(seg, RetransmissionQueue.LOST)) continue;
            long sent = queue.sentTime(seg);
            // The SACKs above a retransmitted segment may predate the retransmission, so only
            // RACK's time rule can judge a retransmission lost (RFC 8985 2.2's motivation).
            ConnectionTracer.LossTrigger trigger = null;
            // Once the path has been seen to reorder (a retransmission proved spurious), counting
            // SACKed segments says little: only RACK's time rule judges (RFC 8985 4 and 6.2).
            if (sackedAbove >= DUP_THRESH && spurious == 0 && !queue.has(seg, RetransmissionQueue.RETRANSMITTED)) {
                trigger = ConnectionTracer.LossTrigger.DUP_THRESH;
            } else if (rackXmitTime >= 0 && sent <= rackXmitTime) {
                long deadline = sent + rackRtt + reorderWindow;
                if (deadline <= now) trigger = ConnectionTracer.LossTrigger.RACK;
                else lossTimerAt = Math.min(lossTimerAt, deadline);
            }
            if (trigger != null) {
                lostBytes += queue.length(seg);
                largestLostSent = Math.max(largestLostSent, sent);
                markLost(seg, now, trigger);
            }
        }
        if (lostBytes > 0) congestionEvent(now, lostBytes, largestLostSent);
    }

    private void startUndoEpisode() {
        if (undoEpisode) return;
        if (++episodesSinceReorderGrowth > REORDER_WINDOW_PERSIST) {
            reorderWindowMultiplier = 1;
            episodesSinceReorderGrowth = 0;
        }
        undoEpisode = true;
        undoRecoveryPoint = sndNxt;
        undoRetransmissions = 0;
        undoProvenSpurious = 0;
    }

    private void markLost(long seg, long now, ConnectionTracer.LossTrigger trigger) {
        if (tracer != null) tracer.packetLost(now, queue.start(seg), queue.length(seg), trigger);
        queue.set(seg, RetransmissionQueue.LOST);
        bytesInFlight -= queue.length(seg);
        lostSegments++;
        packetsLost++;
    }

    private void congestionEvent(long now, long lostBytes, long largestLostSent) {
        startUndoEpisode();
        cc.onCongestionEvent(new LossSample(now, lostBytes, largestLostSent));
        traceMetrics(now);
    }

    private void onNack(Packet.Nack n, long now) {
        long lostBytes = 0;
        long largestLostSent = Long.MIN_VALUE;
        long recent = Math.max(rtt.smoothedRtt(), MS);
        for (SeqRange r : n.missingRanges()) {
            long s = Math.max(sndUna, ourOffset(r.start()));
            long e = Math.min(sndNxt, ourOffset(r.end()));
            if (s >= e) continue;
            for (long seg = queue.find(s); seg >= 0 && seg < queue.tail() && queue.start(seg) < e; seg++) {
                if (queue.has(seg, RetransmissionQueue.SACKED | RetransmissionQueue.LOST)) continue;
                // A NACK can race a retransmission already on its way: resend at most once per RTT.
                if (now - queue.sentTime(seg) < recent) continue;
                lostBytes += queue.length(seg);
                largestLostSent = Math.max(largestLostSent, queue.sentTime(seg));
                markLost(seg, now, ConnectionTracer.LossTrigger.NACK);
            }
        }
        if (lostBytes > 0) congestionEvent(now, lostBytes, largestLostSent);
    }

    private void onOurFinAcknowledged() {
        if (finOffset < 0 || sndUna <= finOffset) return;
        switch (state) {
            case FIN_WAIT_1 -> {
                state = ConnectionState.FIN_WAIT_2;
                finWait2Since = lastReceiveTime;
            }
            case CLOSING -> enterTimeWait();
            case LAST_ACK -> {
                state = ConnectionState.CLOSED;
                raise(ConnectionEvents.CLOSED);
            }
            default -> { }
        }
    }

    private void armTailLossProbe(long now) {
        if (queue.isEmpty() || !rtt.hasSample()) {
            tlpAt = Long.MAX_VALUE;
            return;
        }
        // RFC 8985 7.2: PTO = 2 * SRTT, and more when a single segment is in flight (the peer may delay its ACK).
        long pto = Math.max(2 * rtt.smoothedRtt(), MIN_TLP_NANOS);
        if (queue.tail() - queue.head() == 1) pto += config.delayedAckNanos();
        tlpAt = now + pto < rtoAt ? now + pto : Long.MAX_VALUE;
    }

    // ---------------------------------------------------------------- receiver

    private void onData(Header h, ByteBuffer payload, long now) {
        int len = payload.remaining();
        long start = peerOffset(h.seq());
        long end = start + len;
        if ((h.flags() & Flags.ACK_NOW) != 0) ackNow = true;
        if (len == 0) return;
        if (closedByApp && end > rcvNxt) {
            // The application closed and will never read this (RFC 9293 3.10.7.4, as TCP resets).
            resetDue = ResetReason.ABORT;
            fail(ConnectionError.ABORTED);
            return;
        }
        if (end <= rcvNxt || start >= advertisedRight || (peerFinOffset >= 0 && end > peerFinOffset)) {
            ackNow = true; // a duplicate or data outside the window: tell the sender where we are
            echoTimestamp = h.timestamp();
            return;
        }
        long s = Math.max(start, rcvNxt);
        long e = Math.min(end, advertisedRight);
        bytesReceived += e - s;
        // Grow the ring only as far as data actually held, not to the whole window: a thousand idle
        // connections should not each pin a full receive buffer.
        receiveRing.ensureSpan(readOffset, Math.max(rcvNxt, outOfOrder.highestEnd()), (int) (e - readOffset));
        payload.position(payload.position() + (int) (s - start));
        receiveRing.write(s, payload, (int) (e - s));
        if (s == rcvNxt) {
            boolean hadGap = !outOfOrder.isEmpty();
            rcvNxt = e;
            if (hadGap) {
                // "an immediate ACK SHOULD be generated when ... a segment fills in all or part of a gap" (RFC 5681 4.2)
                outOfOrder.removeBelow(rcvNxt);
                if (!outOfOrder.isEmpty() && outOfOrder.start(0) <= rcvNxt) {
                    rcvNxt = outOfOrder.end(0);
                    outOfOrder.removeBelow(rcvNxt);
                }
                ackNow = true;
                echoTimestamp = h.timestamp();
            }
            if (unackedPackets == 0 && !ackNow) echoTimestamp = h.timestamp();
            unackedPackets++;
            // RFC 5681 4.2: "an ACK SHOULD be generated for at least every second full-sized segment".
            if (unackedPackets >= 2) ackNow = true;
            else if (ackAt == Long.MAX_VALUE) ackAt = now + config.delayedAckNanos();
            tryConsumeFin();
            raise(ConnectionEvents.READABLE);
        } else {
            // Out of order: a gap is open. RFC 5681 4.2: "A TCP receiver SHOULD send an immediate
            // duplicate ACK when an out-of-order segment arrives."
            outOfOrder.add(s, e);
            lastOutOfOrderStart = s;
            ackNow = true;
            echoTimestamp = h.timestamp();
            if (bytesAboveFirstGap() >= (long) DUP_THRESH * mss && now - lastNackTime >= nackInterval()) {
                nackDue = true;
            }
        }
    }

    private long bytesAboveFirstGap() {
        long n = 0;
        for (int i = 0; i < outOfOrder.size(); i++) n += outOfOrder.end(i) - outOfOrder.start(i);
        return n;
    }

    private long nackInterval() {
        return Math.max(rtt.hasSample() ? rtt.smoothedRtt() : config.initialRtoNanos(), MS);
    }

    private void onFin(Header h) {
        long off = peerOffset(h.seq());
        ackNow = true;
        echoTimestamp = h.timestamp();
        if (peerFinOffset < 0 && off >= rcvNxt && off <= advertisedRight && off >= outOfOrder.highestEnd()) {
            peerFinOffset = off;
        }
        tryConsumeFin();
    }

    private void tryConsumeFin() {
        if (finReceived || peerFinOffset < 0 || rcvNxt != peerFinOffset) return;
        finReceived = true;
        rcvNxt = peerFinOffset + 1;
        ackNow = true;
        raise(ConnectionEvents.READABLE);
        switch (state) {
            case ESTABLISHED -> state = ConnectionState.CLOSE_WAIT;
            case FIN_WAIT_1 -> state = ConnectionState.CLOSING;
            case FIN_WAIT_2 -> enterTimeWait();
            default -> { }
        }
    }

    /** In FIN_WAIT_2 after the application closed, with an orphan timeout configured. */
    private boolean orphaned() {
        return state == ConnectionState.FIN_WAIT_2 && closedByApp && config.orphanTimeoutNanos() > 0;
    }

    private void enterTimeWait() {
        state = ConnectionState.TIME_WAIT;
        timeWaitUntil = Long.MIN_VALUE; // set from the clock at the next flush
        raise(ConnectionEvents.CLOSED);
    }

    /**
     * Receiver-side silly-window avoidance (RFC 9293 3.8.6.2.2): the window offered grows only in
     * steps of at least min(buffer / 2, one segment), and a window update is sent on its own only
     * when the window the peer knows has fallen below half the buffer.
     */
    private void maybeSendWindowUpdate() {
        long cap = config.receiveBufferSize();
        long known = advertisedRight - rcvNxt;
        long growth = readOffset + cap - advertisedRight;
        if (known < cap / 2 && growth >= Math.min(cap / 2, mss)) {
            ackNow = true;
            owner.touched(this);
        }
    }

    private int advertiseWindow() {
        long cap = config.receiveBufferSize();
        long right = readOffset + cap;
        if (right - advertisedRight >= Math.min(cap / 2, mss)) {
            advertisedRight = right;
        }
        return (int) Math.max(0, advertisedRight - rcvNxt);
    }

    // ---------------------------------------------------------------- output

    /**
     * Writes every datagram due at {@code now} into {@code out} one at a time and hands each to
     * {@code sink}: handshake, reset, NACK, retransmissions, new data, FIN, ACK, probes.
     */
    void flush(long now, ByteBuffer out, DatagramSink sink) {
        if (resetDue != null) {
            sendReset(now, out, sink);
            return;
        }
        switch (state) {
            case CLOSED -> { return; }
            case CALL_SENT, CALL_RECEIVED -> {
                if (handshakeDue) {
                    handshakeDue = false;
                    sendHandshake(now, out, sink);
                }
                return;
            }
            case TIME_WAIT -> {
                if (timeWaitUntil == Long.MIN_VALUE) timeWaitUntil = now + config.timeWaitNanos();
                if (ackNow) sendAck(now, out, sink);
                return;
            }
            default -> { }
        }
        if (nackDue) sendNack(now, out, sink);
        boolean sentData = sendData(now, out, sink);
        if (state == ConnectionState.TIME_WAIT && timeWaitUntil == Long.MIN_VALUE) timeWaitUntil = now + config.timeWaitNanos();
        if ((ackNow || now >= ackAt) && (unackedPackets > 0 || ackNow) && !(sentData && outOfOrder.isEmpty())) {
            sendAck(now, out, sink);
        }
        if (probeDue) {
            probeDue = false;
            sendHeaderOnly(new Packet.Probe(header(0, ourSeq(sndNxt), now)), now, out, sink);
        }
        updatePersistTimer(now);
    }

    private boolean sendData(long now, ByteBuffer out, DatagramSink sink) {
        boolean sent = false;
        long cwnd = cc.congestionWindow();
        pacingWait = false;
        while (true) {
            if (config.pacing()) {
                pacer.setRate(now, Pacer.rateFor(cc, rtt.smoothedRtt()));
                long at = pacer.nextSendTime(now, mss);
                if (at > now) {
                    nextSendTime = at;
                    pacingWait = hasSendableData();
                    break;
                }
            }
            long seg = lostSegments > 0 ? firstLost() : -1;
            if (seg >= 0) {
                if (bytesInFlight > 0 && bytesInFlight + queue.length(seg) > cwnd) break;
                transmit(seg, now, 0, true, out, sink);
                sent = true;
                continue;
            }
            if (tlpDue) {
                tlpDue = false;
                long last = lastUnsacked();
                if (last >= 0) {
                    transmit(last, now, Flags.ACK_NOW, true, out, sink);
                    sent = true;
                }
                continue;
            }
            long available = writeEnd - sndNxt;
            if (available > 0) {
                long windowRoom = sndWndRight - sndNxt;
                int len = (int) Math.min(Math.min(available, mss), windowRoom);
                if (len <= 0) {
                    markAppLimited(cwnd); // the peer's window, not cwnd, holds us back
                    break;
                }
                if (bytesInFlight > 0 && bytesInFlight + len > cwnd) break;
                // Sender-side silly-window avoidance (RFC 9293 3.8.6.2.1): while data is in flight,
                // don't send a runt that the window, not the application, cut short.
                if (len < mss && len < available && bytesInFlight > 0) break;
                long segNo = queue.add(sndNxt, len, appLimitedUntil > delivered ? RetransmissionQueue.APP_LIMITED : 0,
                    now, delivered, deliveredTime, firstSentTimeFor(now));
                sndNxt += len;
                transmit(segNo, now, 0, false, out, sink);
                sent = true;
                continue;
            }
            if (finOffset >= 0 && sndNxt == finOffset) {
                if (bytesInFlight > 0 && bytesInFlight + 1 > cwnd) break; // the FIN's sequence number counts too
                long segNo = queue.add(finOffset, 1, RetransmissionQueue.FIN, now, delivered, deliveredTime, firstSentTimeFor(now));
                sndNxt = finOffset + 1;
                transmit(segNo, now, 0, false, out, sink);
                sent = true;
                continue;
            }
            markAppLimited(cwnd);
            break;
        }
        return sent;
    }

    /**
     * Sending stopped with room left in cwnd (no data, or the peer's window is closed): until what
     * is in flight now is delivered, ACKs say nothing about the path's capacity, and controllers
     * must not grow cwnd on them (RFC 9002 7.8, RFC 7661) nor take their rate as a bandwidth sample.
     */
    private void markAppLimited(long cwnd) {
        if (bytesInFlight < cwnd) appLimitedUntil = delivered + bytesInFlight;
    }

    private long firstSentTimeFor(long now) {
        if (queue.isEmpty()) {
            firstSentTime = now;
            deliveredTime = now;
        }
        return firstSentTime;
    }

    private long firstLost() {
        for (long seg = queue.head(); seg < queue.tail(); seg++) {
            if (queue.has(seg, RetransmissionQueue.LOST)) return seg;
        }
        return -1;
    }

    private long lastUnsacked() {
        for (long seg = queue.tail() - 1; seg >= queue.head(); seg--) {
            if (!queue.has(seg, RetransmissionQueue.SACKED | RetransmissionQueue.LOST)) return seg;
        }
        return -1;
    }

    /** Sends segment {@code seg}, for the first time or ({@code again}) as a retransmission or probe. */
    private void transmit(long seg, long now, int flags, boolean again, ByteBuffer out, DatagramSink sink) {
        long start = queue.start(seg);
        int len = queue.length(seg);
        if (again) {
            if (queue.has(seg, RetransmissionQueue.LOST)) {
                lostSegments--;
                if (undoEpisode) undoRetransmissions++;
            }
            else bytesInFlight -= len; // a tail-loss probe resends data still counted in flight
            if (!queue.has(seg, RetransmissionQueue.RETRANSMITTED)) retransmittedOutstanding++;
            boolean probe = !queue.has(seg, RetransmissionQueue.LOST);
            queue.retransmitted(seg, now, delivered, deliveredTime, firstSentTimeFor(now));
            if (probe) queue.set(seg, RetransmissionQueue.PROBE);
            if (!queue.has(seg, RetransmissionQueue.FIN)) bytesRetransmitted += len;
        }
        out.clear();
        if (queue.has(seg, RetransmissionQueue.FIN)) {
            PacketCodec.encode(new Packet.Fin(header(flags, ourSeq(start), now)), out);
        } else {
            ByteBuffer source = sendRing.backing();
            int index = sendRing.index(start);
            if (!sendRing.contiguous(start, len)) {
                if (wrapScratch == null) wrapScratch = ByteBuffer.allocate(mss);
                wrapScratch.clear();
                sendRing.read(start, wrapScratch, len);
                source = wrapScratch;
                index = 0;
            }
            PacketCodec.encodeData(out, flags, remoteId, localId, ourSeq(start), peerSeq(rcvNxt), advertiseWindow(),
                micros(now), echoTimestamp, source, index, len);
            bytesSent += len;
        }
        bytesInFlight += len;
        // The flow- and congestion-control invariant (spec: "Flow control"); tests run with -ea.
        assert bytesInFlight == countInFlight() : "in-flight count drifted: " + bytesInFlight + " != " + countInFlight();
        assert queue.has(seg, RetransmissionQueue.PROBE) || bytesInFlight <= Math.max(cc.congestionWindow(), len)
            : "bytes in flight " + bytesInFlight + " exceed cwnd " + cc.congestionWindow();
        assert queue.has(seg, RetransmissionQueue.FIN) || queue.end(seg) <= sndWndRight
            : "sent beyond the peer's window: " + queue.end(seg) + " > " + sndWndRight;
        cc.onPacketSent(now, len, bytesInFlight);
        if (tracer != null) tracer.packetSent(now, queue.has(seg, RetransmissionQueue.FIN) ? "FIN" : "DATA", start, len, again);
        out.flip();
        emit(out, sink);
        onDataPacketSent(now, len);
    }

    /** The bytes in flight recounted from the scoreboard, for assertions. */
    private long countInFlight() {
        long n = 0;
        for (long seg = queue.head(); seg < queue.tail(); seg++) {
            if (!queue.has(seg, RetransmissionQueue.SACKED | RetransmissionQueue.LOST)) n += queue.length(seg);
        }
        return n;
    }

    private void onDataPacketSent(long now, int len) {
        if (outOfOrder.isEmpty()) clearAckState();
        if (rtoAt == Long.MAX_VALUE) rtoAt = now + rtt.rto();
        armTailLossProbe(now);
        if (config.pacing()) pacer.onSend(now, len);
    }

    private boolean hasSendableData() {
        return lostSegments > 0 || tlpDue || (writeEnd > sndNxt && sndWndRight > sndNxt)
            || (finOffset >= 0 && sndNxt == finOffset);
    }

    /** Zero-window persist (RFC 9293 3.8.6.1): probe a closed window so a lost update cannot deadlock us. */
    private void updatePersistTimer(long now) {
        boolean blocked = queue.isEmpty() && writeEnd > sndNxt && sndWndRight <= sndNxt;
        if (!blocked) {
            persistAt = Long.MAX_VALUE;
            persistBackoff = 0;
        } else if (persistAt == Long.MAX_VALUE) {
            persistAt = now + rtt.rto();
        }
    }

    private void sendHandshake(long now, ByteBuffer out, DatagramSink sink) {
        int window = advertiseWindow();
        out.clear();
        if (client) {
            PacketCodec.encode(new Packet.Syn(new Header(0, 0, localId, isn, 0, window, micros(now), 0), config.maxPayload()), out);
        } else {
            PacketCodec.encode(new Packet.SynAck(new Header(0, remoteId, localId, isn, peerIsn + 1, window, micros(now),
                echoTimestamp), config.maxPayload()), out);
        }
        if (tracer != null) tracer.packetSent(now, client ? "SYN" : "SYN_ACK", 0, 1, handshakeTries > 0);
        out.flip();
        emit(out, sink);
    }

    private void sendAck(long now, ByteBuffer out, DatagramSink sink) {
        sendHeaderOnly(new Packet.Ack(header(0, ourSeq(sndNxt), now), sackRanges()), now, out, sink);
        clearAckState();
    }

    private void clearAckState() {
        ackNow = false;
        unackedPackets = 0;
        ackAt = Long.MAX_VALUE;
    }

    /** SACK blocks, the most recently changed first (RFC 2018 4), then the rest from the highest down. */
    private List<SeqRange> sackRanges() {
        int n = outOfOrder.size();
        if (n == 0) return List.of();
        int max = Math.min(n, PacketCodec.maxRanges(config.maxDatagramSize()));
        List<SeqRange> ranges = new ArrayList<>(max);
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (outOfOrder.start(i) <= lastOutOfOrderStart && lastOutOfOrderStart < outOfOrder.end(i)) first = i;
        }
        if (first >= 0) ranges.add(peerRange(outOfOrder.start(first), outOfOrder.end(first)));
        for (int i = n - 1; i >= 0 && ranges.size() < max; i--) {
            if (i != first) ranges.add(peerRange(outOfOrder.start(i), outOfOrder.end(i)));
        }
        return ranges;
    }

    private void sendNack(long now, ByteBuffer out, DatagramSink sink) {
        nackDue = false;
        lastNackTime = now;
        int max = PacketCodec.maxRanges(config.maxDatagramSize());
        List<SeqRange> missing = new ArrayList<>();
        long from = rcvNxt;
        for (int i = 0; i < outOfOrder.size() && missing.size() < max; i++) {
            if (outOfOrder.start(i) > from) missing.add(peerRange(from, outOfOrder.start(i)));
            from = outOfOrder.end(i);
        }
        int flags = corruptSeen ? Flags.CORRUPT_SEEN : 0;
        corruptSeen = false;
        if (missing.isEmpty() && flags == 0) return;
        sendHeaderOnly(new Packet.Nack(header(flags, ourSeq(sndNxt), now), missing), now, out, sink);
    }

    private void sendReset(long now, ByteBuffer out, DatagramSink sink) {
        ResetReason reason = resetDue;
        resetDue = null;
        Header h = new Header(0, remoteId, localId, ourSeq(sndNxt), peerSeq(rcvNxt), 0, micros(now), 0);
        sendHeaderOnly(new Packet.Rst(h, reason), now, out, sink);
    }

    private void sendHeaderOnly(Packet p, long now, ByteBuffer out, DatagramSink sink) {
        if (tracer != null) tracer.packetSent(now, p.type().name(), sndNxt, 0, false);
        out.clear();
        PacketCodec.encode(p, out);
        out.flip();
        emit(out, sink);
    }

    private void emit(ByteBuffer out, DatagramSink sink) {
        packetsSent++;
        sink.send(remote, out);
    }

    private Header header(int flags, int seq, long now) {
        return new Header(flags, remoteId, localId, seq, peerSeq(rcvNxt), advertiseWindow(), micros(now), echoTimestamp);
    }

    private void raise(int e) {
        events |= e;
    }

    private void fail(ConnectionError why) {
        if (error == null) error = why;
        state = ConnectionState.CLOSED;
        rtoAt = tlpAt = lossTimerAt = persistAt = ackAt = Long.MAX_VALUE;
        raise(ConnectionEvents.CLOSED | ConnectionEvents.READABLE | ConnectionEvents.WRITABLE);
        owner.touched(this);
    }

    // ---------------------------------------------------------------- sequence numbers

    private int ourSeq(long offset) {
        return (int) (isn + offset);
    }

    private int peerSeq(long offset) {
        return (int) (peerIsn + offset);
    }

    /** A wire sequence number in our space, as the 64-bit offset nearest the oldest unacknowledged. */
    private long ourOffset(int wire) {
        return SeqNum.unwrap(wire, 0, isn, sndUna);
    }

    /** A wire sequence number in the peer's space, as the 64-bit offset nearest the next expected. */
    private long peerOffset(int wire) {
        return SeqNum.unwrap(wire, 0, peerIsn, rcvNxt);
    }

    private SeqRange peerRange(long start, long end) {
        return new SeqRange(peerSeq(start), peerSeq(end));
    }

    private static int micros(long nanos) {
        // Never 0 on the wire: 0 in the echo field means "no timestamp to echo".
        int us = (int) (nanos / 1_000);
        return us == 0 ? 1 : us;
    }

    @Override
    public String toString() {
        return "Connection[" + (client ? "client " : "server ") + Integer.toHexString(localId) + " <-> " + remote
            + " " + state + (error == null ? "" : " " + error) + "]";
    }
}
