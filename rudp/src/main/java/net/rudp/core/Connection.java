package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionState;
import net.rudp.ConnectionStats;
import net.rudp.ConnectionTracer;
import net.rudp.congestion.CongestionController;
import net.rudp.congestion.CongestionControllers;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.ResetReason;
import net.rudp.wire.SeqRange;

/**
 * One rudp connection as a sans-I/O state machine (spec/PROTOCOL.md section 15): it coordinates
 * the handshake, the close, the timers and the two halves of the stream, {@link Sender} and
 * {@link Receiver}, which keep everything else.
 *
 * <p>It takes decoded packets ({@link #onPacket}), application writes and reads, close requests
 * and the current time, and gives back datagrams ({@link #flush}), its next deadline
 * ({@link #nextDeadline}) and events ({@link ConnectionEvents}). It never reads a clock, starts a
 * thread or touches a socket: the same inputs always give the same outputs. Positions in the
 * stream are 64-bit offsets that never wrap ({@link SequenceSpace}).
 *
 * <p>Not thread-safe: the endpoint that owns it serializes every call (the I/O driver holds the
 * endpoint's lock).
 */
public final class Connection {

    // Bookkeeping for the owner's timer heap and service list.
    int heapIndex = -1;
    long heapKey;
    boolean queued;
    /** The owner's sealing stage for this connection in the authenticated mode; null in plain rudp. */
    SealedConnection sealed;

    private final ConnectionOwner owner;
    private final ConnectionConfig config;
    private final InetSocketAddress remote;
    private final WireIds ids;
    private final boolean client;
    private final RttEstimator rtt;
    private final TimerTable timers = new TimerTable();
    private final ConnectionTrace trace;
    private final Reassembly stream;
    private final AckPolicy acks;
    private final PacketWriter writer;
    private final SendBuffer buffer;
    private final Sender sender;
    private final Receiver receiver;
    private final Handshake handshake;
    private final Teardown teardown;
    private final Liveness liveness;
    private final ChallengeAcks challenges;

    private ConnectionState state;
    private ConnectionError error;
    private int events;
    private ResetReason resetDue;
    private long packetsReceived;
    private Object attachment;

    private Connection(ConnectionOwner owner, ConnectionConfig config, InetSocketAddress remote, int localId, int isn,
                       boolean client, ConnectionState initial, long now) {
        this.owner = owner;
        this.config = config;
        this.remote = remote;
        this.ids = new WireIds(localId, isn);
        this.client = client;
        this.state = initial;
        this.trace = new ConnectionTrace(() -> {
            raise(ConnectionEvents.TRACER_FAILED);
            owner.touched(this);
        });
        this.liveness = new Liveness(timers, config);
        this.rtt = new RttEstimator(config.initialRtoNanos(), config.minRtoNanos(), config.maxRtoNanos());
        PathMtu pathMtu = new PathMtu(config, timers);
        this.receiver = new Receiver(ids, config, owner.receiveMemory(), timers, rtt, pathMtu);
        this.stream = receiver.stream();
        this.acks = receiver.acks();
        this.teardown = new Teardown(config, timers, acks);
        this.writer = new PacketWriter(remote, ids, stream, receiver.window(), acks, trace, config.maxPayload());
        this.buffer = new SendBuffer(config.sendBufferSize());
        // The seed only varies BBR's probing phase; derived from the ISN, it keeps runs replayable.
        CongestionController cc = CongestionControllers.create(config.congestionControl(), pathMtu.payload(), isn ^ ((long) localId << 32));
        this.sender = new Sender(config, ids.ours(), buffer, cc, rtt, timers, writer, trace, acks, pathMtu);
        this.handshake = new Handshake(client, config, timers, ids, buffer, receiver.window(), sender, acks, now);
        this.challenges = new ChallengeAcks(receiver, acks);
    }

    /** A client connection: sends its call request (SYN) at the next flush. */
    static Connection connect(ConnectionOwner owner, ConnectionConfig config, InetSocketAddress remote, int localId, int isn, long now) {
        return new Connection(owner, config, remote, localId, isn, true, ConnectionState.CALL_SENT, now);
    }

    /** A server connection for a call request: its SYN-ACK goes out at the next flush, unless sent {@code byCookie} (8.3). */
    static Connection accept(ConnectionOwner owner, ConnectionConfig config, InetSocketAddress remote, int localId, int isn,
                             Packet.Syn syn, boolean byCookie, long now) {
        Connection c = new Connection(owner, config, remote, localId, isn, false, ConnectionState.CALL_RECEIVED, now);
        c.handshake.answerCall(syn, byCookie);
        c.acks.echo(syn.header().timestamp());
        return c;
    }

    // ---------------------------------------------------------------- application side

    public ConnectionState state() { return state; }

    /** Why the connection failed, or null. */
    public ConnectionError error() { return error; }

    public InetSocketAddress remoteAddress() { return remote; }

    public int localId() { return ids.localId(); }

    /** The peer's connection id, once the handshake named it (0 before). */
    int peerId() { return ids.remoteId(); }

    public boolean isClient() { return client; }

    /** The largest DATA payload this connection sends. */
    public int maxSegmentSize() { return handshake.segmentSize(); }

    /** Attaches {@code o} to this connection for the layer above (the I/O driver's blocking handle); null detaches. */
    public void attach(Object o) { attachment = o; }

    /** What {@link #attach} attached, or null. */
    public Object attachment() { return attachment; }

    /**
     * Copies as much of {@code src} as the send buffer has room for; returns the bytes taken
     * (0 when the buffer is full: wait for {@link ConnectionEvents#WRITABLE}).
     *
     * @throws IllegalStateException if output is shut down or the connection failed
     */
    public int write(ByteBuffer src) {
        if (error != null) throw new IllegalStateException(error.message);
        if (buffer.isShutDown() || teardown.closedByApplication()) throw new IllegalStateException("output is shut down");
        int n = Math.min(src.remaining(), buffer.writable());
        if (n == 0) return 0;
        buffer.write(src, n);
        owner.touched(this);
        return n;
    }

    /** Room left in the send buffer. */
    public int writableBytes() { return buffer.writable(); }

    /** Bytes written by the application and not yet acknowledged by the peer. */
    public long unacknowledgedBytes() { return buffer.unacknowledged(); }

    /**
     * Copies received in-order bytes into {@code dst}; returns the count, 0 if none is ready yet,
     * or -1 at the end of the stream (the peer's FIN was reached).
     */
    public int read(ByteBuffer dst) {
        if (stream.readable() == 0) return stream.finReached() ? -1 : 0;
        int n = stream.read(dst);
        if (receiver.announceWindowIfWorthIt()) owner.touched(this);
        return n;
    }

    /** In-order bytes ready to read. */
    public int readableBytes() { return stream.readable(); }

    /** Half-close: sends FIN after the data already written; the other direction stays open. */
    public void shutdownOutput() {
        if (buffer.isShutDown() || error != null || state == ConnectionState.CLOSED) return;
        buffer.shutDown();
        state = Teardown.afterShutdown(state);
        owner.touched(this);
    }

    /**
     * Graceful close: what was written is still delivered, then FIN. As with TCP (RFC 9293
     * 3.10.4 and RFC 2525 2.17), closing with received data unread, or receiving new data
     * afterwards, resets the connection instead, because the application will never see it.
     */
    public void close() {
        if (!teardown.onApplicationClose()) return;
        if (readableBytes() > 0) {
            abort();
            return;
        }
        shutdownOutput();
        teardown.armOrphanTimer(state);
    }

    /** Abortive close (linger 0): sends RST and drops all data. */
    public void abort() {
        teardown.onApplicationClose();
        if (state == ConnectionState.CLOSED || state == ConnectionState.TIME_WAIT) return;
        if (state != ConnectionState.CALL_SENT || handshake.retried()) resetDue = ResetReason.ABORT;
        fail(ConnectionError.ABORTED);
    }

    /** Whether {@link #close()} or {@link #abort()} was called. */
    public boolean isClosedByApplication() { return teardown.closedByApplication(); }

    /** Whether the FIN was sent and everything before it acknowledged. */
    public boolean isOutputDrained() { return buffer.isDrained(); }

    /** A snapshot of the connection's state and counters, each kept by the part it describes. */
    public ConnectionStats stats() {
        return StatsSnapshot.of(state, sender, receiver, rtt, writer, buffer, packetsReceived);
    }

    /** Sends this connection's events to {@code t} from now on (null: stop tracing); a tracer that throws is detached. */
    public void setTracer(ConnectionTracer t) { trace.set(t); }

    /** What the tracer threw when it was detached ({@link ConnectionEvents#TRACER_FAILED}), or null. */
    public RuntimeException tracerFailure() { return trace.failure(); }

    /** Events raised since the last call; clears them. */
    public int takeEvents() {
        int e = events;
        events = 0;
        return e;
    }

    // ---------------------------------------------------------------- endpoint side

    /** The earliest time {@link #onTimeout} has work, or {@code Long.MAX_VALUE}. */
    long nextDeadline() { return state == ConnectionState.CLOSED ? Long.MAX_VALUE : timers.next(); }

    /** The owner forgets this connection: its received data leaves the owner's memory budget. */
    void retire() { receiver.retire(); }

    boolean isTerminated() { return state == ConnectionState.CLOSED && resetDue == null; }

    boolean isHandshaking() { return state == ConnectionState.CALL_SENT || state == ConnectionState.CALL_RECEIVED; }

    /**
     * ICMP port unreachable from the peer's address. As Linux TCP does (RFC 1122 4.2.3.9 makes it
     * a soft error), it refuses a call still in progress and is ignored once connected.
     */
    void onPortUnreachable() { if (state == ConnectionState.CALL_SENT) fail(ConnectionError.REFUSED); }

    /**
     * The authenticated mode: the call was answered only by SYN_ACKs that did not authenticate
     * (spec/AUTHENTICATED.md 5), and the time to retry came: the call fails, and never goes on in plain rudp.
     */
    void failUnauthenticated() { fail(ConnectionError.NOT_AUTHENTICATED); }

    /** A datagram from this connection's peer failed its checksum: tell the sender with a NACK. */
    void onCorruptDatagram(long now) {
        boolean canNack = !isHandshaking() && state != ConnectionState.CLOSED && state != ConnectionState.TIME_WAIT;
        receiver.nacks().onCorruptDatagram(canNack, now);
        if (canNack) owner.touched(this);
    }

    /** Runs every timer whose deadline has come at {@code now}. */
    void onTimeout(long now) {
        switch (state) {
            case CLOSED -> { }
            case CALL_SENT, CALL_RECEIVED -> {
                // A server's half-open connection vanishes silently; a client learns why.
                if (!handshake.onTimeout(now)) fail(ConnectionError.TIMED_OUT);
                owner.touched(this);
            }
            case TIME_WAIT -> {
                if (!timers.hasExpired(Timer.TIME_WAIT, now)) return;
                enter(ConnectionState.CLOSED);
                owner.touched(this);
            }
            default -> onSynchronizedTimeout(now);
        }
    }

    private void onSynchronizedTimeout(long now) {
        if (timers.hasExpired(Timer.ORPHAN, now)) {
            // Linux's tcp_fin_timeout: nobody will read what the peer might still send, and a peer
            // that answers keepalives but never closes must not pin this connection forever.
            resetDue = ResetReason.TIMEOUT;
            enter(ConnectionState.CLOSED);
            owner.touched(this);
            return;
        }
        if (liveness.idleExpired(now)) {
            resetAndFail(ResetReason.TIMEOUT, ConnectionError.TIMED_OUT); // the peer stopped answering
            return;
        }
        if (liveness.keepaliveDue(now)) sender.requestProbe();
        acks.onTimer(now);
        if (sender.onTimers(now)) owner.touched(this);
        else resetAndFail(ResetReason.TIMEOUT, ConnectionError.TIMED_OUT); // retransmissions without progress
    }

    /** Handles one decoded packet addressed to this connection. */
    void onPacket(Packet p, long now) {
        Header h = p.header();
        // Spec 5: once the peer's id is known, a packet from another id is not from this connection.
        if (state != ConnectionState.CALL_SENT && h.srcConnId() != ids.remoteId()) return;
        packetsReceived++;
        trace.packetReceived(now, p, state == ConnectionState.CALL_SENT ? 0 : receiver.offset(h.seq()));
        switch (state) {
            case CLOSED -> { }
            case CALL_SENT -> {
                onHandshakePacket(handshake.onPacketWhileCalling(p), h, now);
                owner.touched(this);
            }
            case CALL_RECEIVED -> {
                if (onHandshakePacket(handshake.onPacketWhileAccepting(p), h, now)) onSynchronizedPacket(p, now);
            }
            case TIME_WAIT -> {
                if (teardown.answersInTimeWait(p, now)) owner.touched(this);
            }
            default -> onSynchronizedPacket(p, now);
        }
    }

    /** Acts on what a packet ({@code h}) did to the handshake; returns whether it completed a server's, to be processed further. */
    private boolean onHandshakePacket(Handshake.Outcome outcome, Header h, long now) {
        switch (outcome) {
            case PENDING -> { }
            case RESEND -> owner.touched(this);
            case FAILED -> fail(handshake.failure());
            case VIOLATION -> resetAndFail(ResetReason.PROTOCOL_VIOLATION, ConnectionError.RESET);
            case COMPLETE -> {
                if (handshake.echoMeasuresRtt()) sender.rttSample(h, now);
                state = buffer.isShutDown() ? ConnectionState.FIN_WAIT_1 : ConnectionState.ESTABLISHED;
                liveness.onHandshakeComplete(now, client && handshake.byCookie());
                raise(ConnectionEvents.CONNECTED | ConnectionEvents.WRITABLE);
                if (!client) owner.established(this);
                return !client;
            }
        }
        return false;
    }

    private void onSynchronizedPacket(Packet p, long now) {
        liveness.onPeerHeard(now);
        switch (p) {
            case Packet.Rst r -> onReset(r, now); // or a challenge ACK
            case Packet.Syn s -> challenges.onSyn(now); // a stale duplicate of the call request, or a forgery
            case Packet.SynAck s -> acks.ackNow(AckReason.HANDSHAKE_ACK_LOST, s.header().timestamp());
            default -> onAcknowledgedPacket(p, now);
        }
        owner.touched(this);
    }

    private void onAcknowledgedPacket(Packet p, long now) {
        Header h = p.header();
        boolean pathMtu = (h.flags() & Flags.PATH_MTU) != 0;
        if (p instanceof Packet.Ack a && pathMtu) {
            // Spec 9.13: the answer to our path MTU probe; its echo names the probe, not an RTT.
            sender.onPathMtuAnswer(h.timestampEcho(), now);
            onAcknowledgement(h.withoutEcho(), a.sackRanges(), now);
            return;
        }
        onAcknowledgement(h, p instanceof Packet.Ack a ? a.sackRanges() : List.of(), now);
        switch (p) {
            case Packet.Data d -> onData(h, d.payload(), now);
            case Packet.Fin f -> {
                receiver.onFin(h);
                tryConsumeFin(now);
            }
            case Packet.Nack n -> sender.onNack(n.missingRanges(), now);
            case Packet.Probe pr when pathMtu -> receiver.onPathMtuProbe(h.timestamp());
            case Packet.Probe pr -> acks.ackNow(AckReason.PROBE, h.timestamp());
            default -> { }
        }
    }

    private void onReset(Packet.Rst r, long now) {
        if (!challenges.actsOnReset(r.header(), now)) return;
        if ((state == ConnectionState.LAST_ACK || state == ConnectionState.CLOSING) && buffer.sndUna() >= buffer.finOffset()) {
            // RFC 9293 3.10.7.4: "CLOSING STATE, LAST-ACK STATE ... If the RST bit is set, then
            // enter the CLOSED state". Every byte both ways was delivered (only our FIN's ACK is
            // missing: the peer, past its TIME_WAIT, no longer knows us), so nothing was lost.
            enter(ConnectionState.CLOSED);
            return;
        }
        fail(ConnectionError.of(r));
    }

    private void onAcknowledgement(Header h, List<SeqRange> sacks, long now) {
        Sender.AckResult result = sender.onAck(h, sacks, now);
        if (result == Sender.AckResult.IGNORED) return;
        if (result == Sender.AckResult.ADVANCED) raise(ConnectionEvents.WRITABLE);
        if (!buffer.isDrained()) return;
        enter(teardown.afterOurFinAcknowledged(state, now));
        if (sender.isIdle()) raise(ConnectionEvents.OUTPUT_DRAINED);
    }

    private void onData(Header h, ByteBuffer payload, long now) {
        if (teardown.closedByApplication() && receiver.extendsStream(h, payload.remaining())) {
            // The application closed and will never read this (RFC 9293 3.10.7.4, as TCP resets).
            resetAndFail(ResetReason.ABORT, ConnectionError.ABORTED);
            return;
        }
        if (receiver.onData(h, payload, handshake.segmentSize(), now)) {
            tryConsumeFin(now);
            raise(ConnectionEvents.READABLE);
        }
    }

    private void tryConsumeFin(long now) {
        if (!receiver.consumeFin()) return;
        raise(ConnectionEvents.READABLE);
        enter(teardown.afterPeerFin(state, now));
    }

    /** Moves to state {@code next}; the application hears CLOSED once, on entering TIME_WAIT or CLOSED. */
    private void enter(ConnectionState next) {
        if (next != state && (next == ConnectionState.TIME_WAIT || state != ConnectionState.TIME_WAIT && next == ConnectionState.CLOSED)) {
            raise(ConnectionEvents.CLOSED);
        }
        state = next;
    }

    // ---------------------------------------------------------------- output

    /**
     * Writes every datagram due at {@code now} into {@code out} one at a time and hands each to
     * {@code sink}: handshake, reset, NACK, retransmissions, new data, FIN, ACK, probes.
     */
    void flush(long now, ByteBuffer out, DatagramSink sink) {
        writer.begin(now, out, sink);
        if (resetDue != null) {
            writer.reset(buffer.sndNxt(), resetDue);
            resetDue = null;
            return;
        }
        switch (state) {
            case CLOSED -> { }
            case CALL_SENT, CALL_RECEIVED -> handshake.flush(writer);
            case TIME_WAIT -> {
                if (acks.isImmediate()) receiver.sendAck(writer, buffer.sndNxt());
            }
            default -> flushSynchronized(now);
        }
    }

    private void flushSynchronized(long now) {
        receiver.sendNackIfDue(writer, buffer.sndNxt(), now);
        receiver.sendPathMtuAnswerIfDue(writer, buffer.sndNxt());
        sender.send(now);
        // DATA and FIN carry the ack and settle the ACK policy, unless data is held out of order.
        if (acks.isDue(now)) receiver.sendAck(writer, buffer.sndNxt());
        sender.sendProbeIfDue(now);
        sender.updatePersistTimer(now);
    }

    private void raise(int e) { events |= e; }

    /** Fails the connection and tells the peer why with an RST at the next flush. */
    private void resetAndFail(ResetReason reason, ConnectionError why) {
        resetDue = reason;
        fail(why);
    }

    private void fail(ConnectionError why) {
        if (error == null) error = why;
        state = ConnectionState.CLOSED;
        timers.stopAll();
        raise(ConnectionEvents.CLOSED | ConnectionEvents.READABLE | ConnectionEvents.WRITABLE);
        owner.touched(this);
    }

    @Override
    public String toString() {
        return "Connection[" + (client ? "client " : "server ") + Integer.toHexString(ids.localId()) + " <-> " + remote
            + " " + state + (error == null ? "" : " " + error) + "]";
    }
}
