package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.rudp.congestion.CongestionController;
import net.rudp.congestion.DeliveryRateEstimator;
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
    /** Backoffs (handshake retry, persist) double at most this many times: 2^20 times the first interval. */
    static final int MAX_BACKOFF_SHIFT = 20;

    // Bookkeeping for the owner's timer heap and service list.
    int heapIndex = -1;
    long heapKey;
    boolean queued;

    private final Owner owner;
    private final ConnectionConfig config;
    private final InetSocketAddress remote;
    private final WireIds ids;
    private final boolean client;
    private final CongestionController cc;
    private final RttEstimator rtt;

    private ConnectionState state;
    private ConnectionError error;
    private int events;
    private int mss;

    private final TimerTable timers = new TimerTable();

    // Handshake.
    private int handshakeTries;
    private boolean handshakeDue;

    // Send side; offsets in our sequence space.
    private final ByteRing sendRing;
    private final RetransmissionQueue queue = new RetransmissionQueue();
    private final DeliveryRateEstimator rate = new DeliveryRateEstimator();
    private long sndUna = 1;
    private long sndNxt = 1;
    private long writeEnd = 1;
    private long finOffset = -1;
    private long sndWndRight = 1;
    private int consecutiveRtos;
    private boolean tlpDue;
    private final LossDetector loss;
    private final SpuriousRetransmissionUndo undo = new SpuriousRetransmissionUndo();
    private int persistBackoff;
    private final Pacer pacer;
    private ResetReason resetDue;
    private boolean closedByApp;


    // Receive side; offsets in the peer's sequence space.
    private final Reassembly stream;
    private final ReceiveWindow window;
    private final AckPolicy acks;
    private final NackPolicy nacks;
    private boolean probeDue;

    private long finWait2Since;

    private final ConnectionTrace trace = new ConnectionTrace();
    private final PacketWriter writer;
    /** The driver's object for this connection (its blocking handle); the core never reads it. */
    private Object attachment;

    // Counters for stats.
    private long packetsReceived;
    private long rtoCount;

    private Connection(Owner owner, ConnectionConfig config, InetSocketAddress remote, int localId, int isn,
                       boolean client, ConnectionState initial, long now) {
        this.owner = owner;
        this.config = config;
        this.remote = remote;
        this.ids = new WireIds(localId, isn);
        this.client = client;
        this.state = initial;
        this.mss = config.maxPayload();
        // The seed only varies BBR's probing phase; derived from the ISN, it keeps runs replayable.
        this.cc = config.congestionControl().create(mss, isn ^ ((long) localId << 32));
        this.pacer = new Pacer(mss);
        this.rtt = new RttEstimator(config.initialRtoNanos(), config.minRtoNanos(), config.maxRtoNanos());
        this.loss = new LossDetector(queue, rtt, new LossDetector.Output() {
            @Override
            public void segmentLost(long seg, ConnectionTracer.LossTrigger trigger, long now) {
                trace.packetLost(now, queue.start(seg), queue.length(seg), trigger);
            }

            @Override
            public void lossDetected(long now, long lostBytes, long largestLostSentNanos) {
                startLossEpisode();
                cc.onCongestionEvent(new LossSample(now, lostBytes, largestLostSentNanos));
                traceMetrics(now);
            }
        });
        this.sendRing = new ByteRing(config.sendBufferSize());
        this.stream = new Reassembly(config.receiveBufferSize());
        this.window = new ReceiveWindow(stream, config.receiveBufferSize(), mss);
        this.acks = new AckPolicy(timers, config.delayedAckNanos());
        this.nacks = new NackPolicy(rtt, config.initialRtoNanos());
        this.writer = new PacketWriter(remote, ids, stream, window, acks, trace, config.maxPayload());
        this.handshakeDue = true;
        timers.set(Timer.HANDSHAKE_RETRY, now + config.initialRtoNanos());
        timers.set(Timer.CONNECT, now + config.connectTimeoutNanos());
    }

    /** A client connection: sends its call request (SYN) at the next flush. */
    static Connection connect(Owner owner, ConnectionConfig config, InetSocketAddress remote, int localId, int isn, long now) {
        return new Connection(owner, config, remote, localId, isn, true, ConnectionState.CALL_SENT, now);
    }

    /** A server connection for a call request: sends its call accept (SYN-ACK) at the next flush. */
    static Connection accept(Owner owner, ConnectionConfig config, InetSocketAddress remote, int localId, int isn,
                             Packet.Syn syn, long now) {
        Connection c = new Connection(owner, config, remote, localId, isn, false, ConnectionState.CALL_RECEIVED, now);
        c.ids.learnPeer(syn.header().srcConnId(), syn.header().seq());
        c.segmentSize(syn.maxPayload());
        c.sndWndRight = 1 + Integer.toUnsignedLong(syn.header().window());
        c.acks.echo(syn.header().timestamp());
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
        return ids.localId();
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
        if (stream.readable() == 0) return stream.finReached() ? -1 : 0;
        int n = stream.read(dst);
        if (window.updateWorthSending()) {
            acks.ackNow(AckReason.WINDOW_UPDATE);
            owner.touched(this);
        }
        return n;
    }

    /** In-order bytes ready to read. */
    public int readableBytes() {
        return stream.readable();
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
        armOrphanTimer();
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
            cc.congestionWindow(), cc.slowStartThreshold(), queue.bytesInFlight(), pacer.rate(), rate.deliveryRate(),
            writer.bytesSent(), rate.delivered(), writer.bytesRetransmitted(), stream.bytesReceived(), writer.packetsSent(),
            packetsReceived, loss.segmentsLost(),
            undo.spuriousRetransmissions(), rtoCount, Math.max(0, sndWndRight - sndNxt), window.known(), nacks.corruptReceived());
    }

    /** Sends this connection's events to {@code t} from now on (null: stop tracing). */
    public void setTracer(ConnectionTracer t) {
        trace.set(t);
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
        return state == ConnectionState.CLOSED ? Long.MAX_VALUE : timers.next();
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
        boolean canNack = !isHandshaking() && state != ConnectionState.CLOSED && state != ConnectionState.TIME_WAIT;
        nacks.onCorruptDatagram(canNack, now);
        if (canNack) owner.touched(this);
    }

    void onTimeout(long now) {
        switch (state) {
            case CLOSED -> { return; }
            case CALL_SENT, CALL_RECEIVED -> {
                if (timers.hasExpired(Timer.CONNECT, now)) {
                    // A server's half-open connection vanishes silently; a client learns why.
                    fail(ConnectionError.TIMED_OUT);
                } else if (timers.hasExpired(Timer.HANDSHAKE_RETRY, now)) {
                    handshakeTries++;
                    handshakeDue = true;
                    timers.set(Timer.HANDSHAKE_RETRY,
                        now + (config.initialRtoNanos() << Math.min(handshakeTries, MAX_BACKOFF_SHIFT)));
                }
                owner.touched(this);
                return;
            }
            case TIME_WAIT -> {
                if (timers.hasExpired(Timer.TIME_WAIT, now)) {
                    state = ConnectionState.CLOSED;
                    owner.touched(this);
                }
                return;
            }
            default -> { }
        }
        if (timers.hasExpired(Timer.ORPHAN, now)) {
            // Linux's tcp_fin_timeout: nobody will read what the peer might still send, and a peer
            // that answers keepalives but never closes must not pin this connection forever.
            resetDue = ResetReason.TIMEOUT;
            state = ConnectionState.CLOSED;
            raise(ConnectionEvents.CLOSED);
            owner.touched(this);
            return;
        }
        if (timers.hasExpired(Timer.IDLE, now)) {
            resetDue = ResetReason.TIMEOUT;
            fail(ConnectionError.TIMED_OUT);
            return;
        }
        if (timers.hasExpired(Timer.KEEPALIVE, now)) {
            probeDue = true;
            timers.set(Timer.KEEPALIVE, now + config.keepaliveNanos());
        }
        acks.onTimer(now);
        if (timers.hasExpired(Timer.RTO, now)) {
            onRetransmissionTimeout(now);
            if (state == ConnectionState.CLOSED) return;
        } else {
            if (timers.hasExpired(Timer.LOSS, now)) timers.set(Timer.LOSS, loss.detect(now));
            if (timers.hasExpired(Timer.TLP, now)) {
                // RFC 8985 7.3: "the sender SHOULD ... retransmit the highest-sequence segment
                // sent so far" when no new data can be sent, to elicit an ACK that reveals tail losses.
                timers.stop(Timer.TLP);
                tlpDue = true;
            }
        }
        if (timers.hasExpired(Timer.PERSIST, now)) {
            probeDue = true;
            persistBackoff++;
            timers.set(Timer.PERSIST, now + Math.min(config.maxRtoNanos(), rtt.rto() << Math.min(persistBackoff, MAX_BACKOFF_SHIFT)));
        }
        owner.touched(this);
    }

    private void onRetransmissionTimeout(long now) {
        if (queue.isEmpty()) {
            timers.stop(Timer.RTO);
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
        startLossEpisode();
        cc.onRetransmissionTimeout(now, queue.bytesInFlight());
        loss.onRetransmissionTimeout(now);
        timers.stop(Timer.TLP);
        timers.stop(Timer.LOSS);
        timers.set(Timer.RTO, now + rtt.rto());
        traceMetrics(now);
    }

    /** The peer's largest payload is {@code peerMaxPayload}: segments are the smaller of both sides'. */
    private void segmentSize(int peerMaxPayload) {
        mss = Math.min(mss, peerMaxPayload);
        window.segmentSize(mss);
    }

    /** Handles one decoded packet addressed to this connection. */
    void onPacket(Packet p, long now) {
        Header h = p.header();
        // Spec 5: once the peer's id is known, a packet from another id is not from this connection.
        if (state != ConnectionState.CALL_SENT && h.srcConnId() != ids.remoteId()) return;
        packetsReceived++;
        trace.packetReceived(now, p, state == ConnectionState.CALL_SENT ? 0 : peerOffset(h.seq()));
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
                    if (h.seq() == ids.peers().wire(1)) fail(ConnectionError.RESET);
                    return;
                }
                // RFC 6528's ISN is our cookie: the third packet must acknowledge exactly ISN + 1.
                if (h.ack() != ids.ours().wire(1)) {
                    resetDue = ResetReason.PROTOCOL_VIOLATION;
                    fail(ConnectionError.RESET);
                    return;
                }
                sndUna = 1;
                rttSampleFromEcho(h, now);
                enterEstablished(now);
                owner.established(this);
            }
            case TIME_WAIT -> {
                // RFC 9293 3.10.7.4: in TIME-WAIT "the only thing that can arrive ... is a
                // retransmission of the remote FIN. Acknowledge it, and restart the 2 MSL timeout."
                // A retransmission of data whose ACK was lost is answered the same way.
                if (p instanceof Packet.Fin || p instanceof Packet.Data || p instanceof Packet.Probe) {
                    acks.ackNow(AckReason.TIME_WAIT_RETRANSMISSION, h.timestamp());
                    if (p instanceof Packet.Fin) timers.set(Timer.TIME_WAIT, now + config.timeWaitNanos());
                    owner.touched(this);
                }
                return;
            }
            default -> { }
        }
        restartLivenessTimers(now);
        switch (p) {
            case Packet.Rst r -> {
                onReset(r);
                return;
            }
            case Packet.Syn s -> { return; } // a stale duplicate of the peer's call request
            case Packet.SynAck s -> {
                acks.ackNow(AckReason.HANDSHAKE_ACK_LOST, h.timestamp());
                owner.touched(this);
                return;
            }
            default -> { }
        }
        onAcknowledgement(h, p instanceof Packet.Ack a ? a.sackRanges() : List.of(), now);
        switch (p) {
            case Packet.Data d -> onData(h, d.payload(), now);
            case Packet.Fin f -> onFin(h, now);
            case Packet.Nack n -> onNack(n, now);
            case Packet.Probe pr -> acks.ackNow(AckReason.PROBE, h.timestamp());
            default -> { }
        }
        owner.touched(this);
    }

    private void traceMetrics(long now) {
        trace.metrics(now, cc.congestionWindow(), queue.bytesInFlight(), rtt.smoothedRtt(), pacer.rate());
    }

    private void onPacketWhileCalling(Packet p, long now) {
        Header h = p.header();
        if (p instanceof Packet.SynAck sa && h.ack() == ids.ours().wire(1)) {
            ids.learnPeer(h.srcConnId(), h.seq());
            segmentSize(sa.maxPayload());
            sndUna = 1;
            sndWndRight = 1 + Integer.toUnsignedLong(h.window());
            rttSampleFromEcho(h, now);
            enterEstablished(now);
            acks.ackNow(AckReason.HANDSHAKE_COMPLETE, h.timestamp());
        } else if (p instanceof Packet.Rst r && h.ack() == ids.ours().wire(1)) {
            fail(r.reason() == ResetReason.REFUSED ? ConnectionError.REFUSED : ConnectionError.RESET);
        }
    }

    private void enterEstablished(long now) {
        state = finOffset >= 0 ? ConnectionState.FIN_WAIT_1 : ConnectionState.ESTABLISHED;
        timers.stop(Timer.HANDSHAKE_RETRY);
        timers.stop(Timer.CONNECT);
        restartLivenessTimers(now);
        raise(ConnectionEvents.CONNECTED | ConnectionEvents.WRITABLE);
    }

    /** Something arrived from the peer at {@code now}: keepalive and idle timeout count from here (spec 14). */
    private void restartLivenessTimers(long now) {
        if (config.idleTimeoutNanos() > 0) timers.set(Timer.IDLE, now + config.idleTimeoutNanos());
        if (config.keepaliveNanos() > 0) timers.set(Timer.KEEPALIVE, now + config.keepaliveNanos());
    }

    private void onReset(Packet.Rst r) {
        // Blind-reset protection in the spirit of RFC 5961 3: only an RST whose sequence number
        // falls in the receive window is believed.
        long off = peerOffset(r.header().seq());
        if (off >= stream.rcvNxt() && off < Math.max(window.right(), stream.rcvNxt() + 1)) {
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
            if (ack > sndMax) acks.ackNow(AckReason.ACK_OF_UNSENT_DATA);
            return;
        }
        long right = ack + Integer.toUnsignedLong(h.window());
        if (right > sndWndRight) sndWndRight = right;

        long ackedBytes = 0;
        rate.startAck();
        boolean progress = ack > sndUna;
        while (!queue.isEmpty() && queue.end(queue.head()) <= ack) {
            long seg = queue.head();
            if (!queue.has(seg, RetransmissionQueue.SACKED)) ackedBytes += delivered(seg, h, now);
            queue.removeHead();
        }
        if (progress) {
            sndUna = ack;
            raise(ConnectionEvents.WRITABLE);
            undo.onCumulativeAck(sndUna);
        }
        for (SeqRange r : sacks) {
            long s = Math.max(sndUna, ourOffset(r.start()));
            long e = Math.min(sndMax, ourOffset(r.end()));
            if (s >= e) continue;
            long seg = queue.find(s);
            for (; seg >= 0 && (seg = queue.skipSacked(seg)) < queue.tail() && queue.end(seg) <= e; seg++) {
                ackedBytes += delivered(seg, h, now);
                queue.markSacked(seg);
            }
        }
        if (ackedBytes > 0) {
            long sample = rttSampleFromEcho(h, now);
            consecutiveRtos = 0;
            cc.onAck(rate.endAck(now, rtt.minRtt(), ackedBytes, sample, rtt.smoothedRtt(), queue.bytesInFlight()));
            traceMetrics(now);
            // RFC 6298 5.3: "When an ACK is received that acknowledges new data, restart the
            // retransmission timer so that it will expire after RTO seconds".
            timers.set(Timer.RTO, queue.isEmpty() ? Long.MAX_VALUE : now + rtt.rto());
            armTailLossProbe(now);
        }
        timers.set(Timer.LOSS, loss.detect(now));
        onOurFinAcknowledged(now);
        if (queue.isEmpty() && finOffset >= 0 && sndUna > finOffset) raise(ConnectionEvents.OUTPUT_DRAINED);
    }

    /**
     * Accounts for segment {@code seg} reaching the peer; returns its bytes. Also detects a
     * spurious retransmission (RFC 3522, the Eifel algorithm): when the ACK echoes a timestamp
     * older than the retransmission, the original arrived and the retransmission was not needed.
     */
    private long delivered(long seg, Header h, long now) {
        int len = queue.length(seg);
        long sent = queue.sentTime(seg);
        rate.onDelivered(len, sent, queue.deliveredAtSend(seg), queue.deliveredTimeAtSend(seg),
            queue.firstSentTimeAtSend(seg), queue.has(seg, RetransmissionQueue.APP_LIMITED));
        boolean ofEarlierTransmission = queue.has(seg, RetransmissionQueue.RETRANSMITTED)
            && SpuriousRetransmissionUndo.echoPredates(h.timestampEcho(), sent);
        if (ofEarlierTransmission && !queue.has(seg, RetransmissionQueue.PROBE)) {
            loss.onSpuriousRetransmission();
            if (undo.onProvenSpurious()) cc.onSpuriousLoss(now);
        }
        loss.onDelivered(sent, now, ofEarlierTransmission);
        return len;
    }

    /** Takes the RTT sample the packet's echo gives, if any; returns it, or 0. */
    private long rttSampleFromEcho(Header h, long now) {
        long sample = WireTime.rttSample(h.timestampEcho(), now);
        if (sample < 0) return 0;
        rtt.onSample(sample, now);
        return sample;
    }

    /** A loss was detected or the retransmission timer fired: a loss episode begins unless one is open. */
    private void startLossEpisode() {
        if (undo.begin(sndNxt)) loss.onLossEpisode();
    }

    private void onNack(Packet.Nack n, long now) {
        for (SeqRange r : n.missingRanges()) {
            loss.onNacked(Math.max(sndUna, ourOffset(r.start())), Math.min(sndNxt, ourOffset(r.end())), now);
        }
        loss.reportLosses(now);
    }

    private void onOurFinAcknowledged(long now) {
        if (finOffset < 0 || sndUna <= finOffset) return;
        switch (state) {
            case FIN_WAIT_1 -> {
                state = ConnectionState.FIN_WAIT_2;
                finWait2Since = now;
                armOrphanTimer();
            }
            case CLOSING -> enterTimeWait(now);
            case LAST_ACK -> {
                state = ConnectionState.CLOSED;
                raise(ConnectionEvents.CLOSED);
            }
            default -> { }
        }
    }

    private void armTailLossProbe(long now) {
        timers.set(Timer.TLP, loss.probeDeadline(now, timers.deadline(Timer.RTO), config.delayedAckNanos()));
    }

    // ---------------------------------------------------------------- receiver

    private void onData(Header h, ByteBuffer payload, long now) {
        if ((h.flags() & Flags.ACK_NOW) != 0) acks.ackNow(AckReason.PEER_ASKED);
        if (!payload.hasRemaining()) return;
        long start = peerOffset(h.seq());
        if (closedByApp && start + payload.remaining() > stream.rcvNxt()) {
            // The application closed and will never read this (RFC 9293 3.10.7.4, as TCP resets).
            resetDue = ResetReason.ABORT;
            fail(ConnectionError.ABORTED);
            return;
        }
        switch (stream.accept(start, payload, window.right())) {
            case NOTHING_NEW -> acks.ackNow(AckReason.NOTHING_NEW, h.timestamp());
            case OUT_OF_ORDER -> {
                acks.ackNow(AckReason.OUT_OF_ORDER, h.timestamp());
                nacks.onOutOfOrder(stream.bytesBeyondGap(), mss, now);
            }
            case FILLED_GAP -> {
                acks.ackNow(AckReason.GAP_FILLED, h.timestamp());
                onInOrderData(h, now);
            }
            case IN_ORDER -> onInOrderData(h, now);
        }
    }

    private void onInOrderData(Header h, long now) {
        acks.onInOrderSegment(h.timestamp(), now);
        tryConsumeFin(now);
        raise(ConnectionEvents.READABLE);
    }

    private void onFin(Header h, long now) {
        acks.ackNow(AckReason.FIN_RECEIVED, h.timestamp());
        stream.onFin(peerOffset(h.seq()), window.right());
        tryConsumeFin(now);
    }

    private void tryConsumeFin(long now) {
        if (!stream.consumeFin()) return;
        acks.ackNow(AckReason.END_OF_STREAM);
        raise(ConnectionEvents.READABLE);
        switch (state) {
            case ESTABLISHED -> state = ConnectionState.CLOSE_WAIT;
            case FIN_WAIT_1 -> state = ConnectionState.CLOSING;
            case FIN_WAIT_2 -> enterTimeWait(now);
            default -> { }
        }
    }

    /** In FIN_WAIT_2 after the application closed, with an orphan timeout configured. */
    private boolean orphaned() {
        return state == ConnectionState.FIN_WAIT_2 && closedByApp && config.orphanTimeoutNanos() > 0;
    }

    /** Only a retransmitted FIN matters from here on (spec 12.2): every other timer stops. */
    private void enterTimeWait(long now) {
        state = ConnectionState.TIME_WAIT;
        timers.set(Timer.TIME_WAIT, now + config.timeWaitNanos());
        timers.stopAllBut(Timer.TIME_WAIT);
        raise(ConnectionEvents.CLOSED);
    }

    /** Linux's tcp_fin_timeout (spec 12.1): the application closed, and the peer has until then to finish. */
    private void armOrphanTimer() {
        if (orphaned()) timers.set(Timer.ORPHAN, finWait2Since + config.orphanTimeoutNanos());
    }

    // ---------------------------------------------------------------- output

    /**
     * Writes every datagram due at {@code now} into {@code out} one at a time and hands each to
     * {@code sink}: handshake, reset, NACK, retransmissions, new data, FIN, ACK, probes.
     */
    void flush(long now, ByteBuffer out, DatagramSink sink) {
        writer.begin(now, out, sink);
        if (resetDue != null) {
            ResetReason reason = resetDue;
            resetDue = null;
            writer.reset(sndNxt, reason);
            return;
        }
        switch (state) {
            case CLOSED -> { return; }
            case CALL_SENT, CALL_RECEIVED -> {
                if (handshakeDue) {
                    handshakeDue = false;
                    if (client) writer.syn(handshakeTries > 0);
                    else writer.synAck(handshakeTries > 0);
                }
                return;
            }
            case TIME_WAIT -> {
                if (acks.isImmediate()) sendAck();
                return;
            }
            default -> { }
        }
        if (nacks.isDue()) sendNack(now);
        boolean sentData = sendData(now);
        // Data just sent carried the ack, unless out-of-order data is held: then the SACK blocks matter.
        if (acks.isDue(now) && !(sentData && stream.outOfOrder().isEmpty())) sendAck();
        if (probeDue) {
            probeDue = false;
            writer.probe(sndNxt);
        }
        updatePersistTimer(now);
    }

    private boolean sendData(long now) {
        boolean sent = false;
        long cwnd = cc.congestionWindow();
        timers.stop(Timer.PACING);
        while (true) {
            if (config.pacing()) {
                pacer.setRate(now, Pacer.rateFor(cc, rtt.smoothedRtt()));
                long at = pacer.nextSendTime(now, mss);
                if (at > now) {
                    // Held by the pacer alone: wake up when it lets the next packet go.
                    if (hasSendableData()) timers.set(Timer.PACING, at);
                    break;
                }
            }
            long seg = queue.firstLost();
            if (seg >= 0) {
                if (queue.bytesInFlight() > 0 && queue.bytesInFlight() + queue.length(seg) > cwnd) break;
                transmit(seg, now, 0, true);
                sent = true;
                continue;
            }
            if (tlpDue) {
                tlpDue = false;
                long last = queue.lastInFlight();
                if (last >= 0) {
                    transmit(last, now, Flags.ACK_NOW, true);
                    sent = true;
                }
                continue;
            }
            long available = writeEnd - sndNxt;
            if (available > 0) {
                long windowRoom = sndWndRight - sndNxt;
                int len = (int) Math.min(Math.min(available, mss), windowRoom);
                if (len <= 0) {
                    rate.markAppLimited(queue.bytesInFlight(), cwnd); // the peer's window, not cwnd, holds us back
                    break;
                }
                if (queue.bytesInFlight() > 0 && queue.bytesInFlight() + len > cwnd) break;
                // Sender-side silly-window avoidance (RFC 9293 3.8.6.2.1): while data is in flight,
                // don't send a runt that the window, not the application, cut short.
                if (len < mss && len < available && queue.bytesInFlight() > 0) break;
                rate.onSend(now, queue.isEmpty());
                long segNo = queue.add(sndNxt, len, rate.isAppLimited() ? RetransmissionQueue.APP_LIMITED : 0,
                    now, rate.delivered(), rate.stampDeliveredTime(), rate.firstSentTime());
                sndNxt += len;
                transmit(segNo, now, 0, false);
                sent = true;
                continue;
            }
            if (finOffset >= 0 && sndNxt == finOffset) {
                if (queue.bytesInFlight() > 0 && queue.bytesInFlight() + 1 > cwnd) break; // the FIN's sequence number counts too
                rate.onSend(now, queue.isEmpty());
                long segNo = queue.add(finOffset, 1, RetransmissionQueue.FIN, now, rate.delivered(), rate.stampDeliveredTime(),
                    rate.firstSentTime());
                sndNxt = finOffset + 1;
                transmit(segNo, now, 0, false);
                sent = true;
                continue;
            }
            // Nothing left to send with room in cwnd: controllers must not grow cwnd on the ACKs
            // of what is in flight now (RFC 9002 7.8, RFC 7661) nor take their rate as the path's.
            rate.markAppLimited(queue.bytesInFlight(), cwnd);
            break;
        }
        return sent;
    }

    /** Sends segment {@code seg}, for the first time or ({@code again}) as a retransmission or probe. */
    private void transmit(long seg, long now, int flags, boolean again) {
        long start = queue.start(seg);
        int len = queue.length(seg);
        if (again) {
            // A tail-loss probe resends data still in flight; only a repair counts toward undo.
            rate.onSend(now, queue.isEmpty());
            boolean repair = queue.retransmitted(seg, now, rate.delivered(), rate.stampDeliveredTime(), rate.firstSentTime());
            if (repair) undo.onRepairSent();
        }
        boolean fin = queue.has(seg, RetransmissionQueue.FIN);
        if (fin) writer.fin(flags, start, again);
        else writer.data(flags, start, len, again, sendRing);
        // The flow- and congestion-control invariant (spec: "Flow control"); tests run with -ea.
        assert queue.isConsistent() : "scoreboard totals drifted: " + queue;
        assert queue.has(seg, RetransmissionQueue.PROBE) || queue.bytesInFlight() <= Math.max(cc.congestionWindow(), len)
            : "bytes in flight " + queue.bytesInFlight() + " exceed cwnd " + cc.congestionWindow();
        assert fin || queue.end(seg) <= sndWndRight : "sent beyond the peer's window: " + queue.end(seg) + " > " + sndWndRight;
        cc.onPacketSent(now, len, queue.bytesInFlight());
        onDataPacketSent(now, len);
    }

    private void onDataPacketSent(long now, int len) {
        if (stream.outOfOrder().isEmpty()) acks.onAcknowledged();
        if (!timers.isArmed(Timer.RTO)) timers.set(Timer.RTO, now + rtt.rto());
        armTailLossProbe(now);
        if (config.pacing()) pacer.onSend(now, len);
    }

    private boolean hasSendableData() {
        return queue.lostSegments() > 0 || tlpDue || (writeEnd > sndNxt && sndWndRight > sndNxt)
            || (finOffset >= 0 && sndNxt == finOffset);
    }

    /** Zero-window persist (RFC 9293 3.8.6.1): probe a closed window so a lost update cannot deadlock us. */
    private void updatePersistTimer(long now) {
        boolean blocked = queue.isEmpty() && writeEnd > sndNxt && sndWndRight <= sndNxt;
        if (!blocked) {
            timers.stop(Timer.PERSIST);
            persistBackoff = 0;
        } else if (!timers.isArmed(Timer.PERSIST)) {
            timers.set(Timer.PERSIST, now + rtt.rto());
        }
    }

    private void sendAck() {
        writer.ack(sndNxt, AckRanges.sack(stream, PacketCodec.maxRanges(config.maxDatagramSize()), ids.peers()));
        acks.onAcknowledged();
    }

    private void sendNack(long now) {
        int flags = nacks.onSending(now);
        List<SeqRange> missing = AckRanges.missing(stream, PacketCodec.maxRanges(config.maxDatagramSize()), ids.peers());
        if (missing.isEmpty() && flags == 0) return;
        writer.nack(flags, sndNxt, missing);
    }

    private void raise(int e) {
        events |= e;
    }

    private void fail(ConnectionError why) {
        if (error == null) error = why;
        state = ConnectionState.CLOSED;
        timers.stopAll();
        raise(ConnectionEvents.CLOSED | ConnectionEvents.READABLE | ConnectionEvents.WRITABLE);
        owner.touched(this);
    }

    // ---------------------------------------------------------------- sequence numbers

    /** A wire sequence number in our space, as the 64-bit offset nearest the oldest unacknowledged. */
    private long ourOffset(int wire) {
        return ids.ours().offset(wire, sndUna);
    }

    /** A wire sequence number in the peer's space, as the 64-bit offset nearest the next expected. */
    private long peerOffset(int wire) {
        return ids.peers().offset(wire, stream.rcvNxt());
    }

    @Override
    public String toString() {
        return "Connection[" + (client ? "client " : "server ") + Integer.toHexString(ids.localId()) + " <-> " + remote
            + " " + state + (error == null ? "" : " " + error) + "]";
    }
}
