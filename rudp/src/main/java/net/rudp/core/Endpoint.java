package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import net.rudp.ConnectionConfig;
import net.rudp.wire.DecodeError;
import net.rudp.wire.DecodeResult;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.ResetReason;

/**
 * All the connections that share one local UDP address, as a sans-I/O state machine
 * (spec/PROTOCOL.md, "Connection identifiers and demultiplexing", "Listening").
 *
 * <p>The driver feeds it datagrams ({@link #receive}) and the time ({@link #timeout}), then calls
 * {@link #flush} to collect the datagrams to send and {@link #nextDeadline} to learn when to call
 * again; {@link #drainEvents} reports what changed for the application. Application calls on a
 * {@link Connection} (write, read, close) are made between those, under the same lock.
 *
 * <p>It demultiplexes by destination connection id (checked against the peer address), runs the
 * listener, its backlog and its stateless cookie calls ({@link CookieCalls}), answers packets for
 * unknown connections with rate-limited RSTs ({@link StatelessReplyLimiter}), and turns a corrupt
 * datagram from a known peer into that connection's NACK, found by address ({@link PeerIndex}).
 * In the authenticated mode ({@link ConnectionConfig#authentication()}) every datagram goes
 * through a {@link SealingStage} on the way in and its connection's {@link SealedConnection} on
 * the way out, and cookies are not used (spec/AUTHENTICATED.md 6).
 */
public final class Endpoint implements ConnectionOwner {

    /** Receives the events of one connection (see {@link ConnectionEvents}). */
    @FunctionalInterface
    public interface EventHandler {
        void onEvents(Connection connection, int events);
    }

    private final InetSocketAddress localAddress;
    private final ConnectionConfig config;
    private final RandomGenerator random;
    private final InitialSequenceNumbers isns;
    private final EndpointLimits limits;
    private final ByteBuffer out;
    /** Where stateless replies (RSTs, cookie SYN_ACKs) are encoded, straight into the sink's batch. */
    private final DatagramSlot replySlot = new DatagramSlot();
    private final CookieCalls cookies;

    private final ConnectionTable byId = new ConnectionTable();
    private final PeerIndex byPeer = new PeerIndex();
    private final Map<SynKey, Connection> handshakes = new HashMap<>();
    private final ArrayDeque<Connection> acceptQueue = new ArrayDeque<>();
    private final ArrayDeque<Connection> serviceQueue = new ArrayDeque<>();
    private final List<Connection> withEvents = new ArrayList<>();
    private final List<StatelessReply> replies = new ArrayList<>();
    private final StatelessReplyLimiter replyLimit = new StatelessReplyLimiter();
    private final DeadlineHeap timers = new DeadlineHeap();
    private final EndpointCounters counters = new EndpointCounters();
    /** The authenticated mode's receive path; null in plain rudp. */
    private final SealingStage sealing;

    private int backlog = -1;
    private CookieMode cookieMode = CookieMode.ON_OVERFLOW;

    private record SynKey(InetSocketAddress peer, int peerConnId) {}

    /** An RST or cookie SYN_ACK for no connection, sent at the next flush. */
    private record StatelessReply(InetSocketAddress to, Packet packet) {}

    /**
     * @param localAddress the address the driver's socket is bound to (an input to the ISN hash)
     * @param config       the configuration every connection of this endpoint gets
     * @param random       the source of connection ids and of the ISN secret
     */
    public Endpoint(InetSocketAddress localAddress, ConnectionConfig config, RandomGenerator random) {
        this(localAddress, config, random, 1);
    }

    /**
     * One of {@code shares} endpoints that serve one address together, each on a socket of its
     * own (a listener's loops): each keeps a {@code 1/shares} part of the receive memory budget
     * and of the connection limit, so that together they hold what one endpoint would.
     */
    public Endpoint(InetSocketAddress localAddress, ConnectionConfig config, RandomGenerator random, int shares) {
        this(localAddress, config, random, new IsnGenerator(random), shares);
    }

    /** With chosen initial sequence numbers: for tests that need, say, numbers about to wrap. */
    Endpoint(InetSocketAddress localAddress, ConnectionConfig config, RandomGenerator random, InitialSequenceNumbers isns) {
        this(localAddress, config, random, isns, 1);
    }

    private Endpoint(InetSocketAddress localAddress, ConnectionConfig config, RandomGenerator random,
                     InitialSequenceNumbers isns, int shares) {
        if (shares < 1) throw new IllegalArgumentException("shares must be positive: " + shares);
        this.localAddress = localAddress;
        this.config = config;
        this.random = random;
        this.isns = isns;
        this.limits = EndpointLimits.of(config, Runtime.getRuntime().maxMemory(), shares);
        this.out = ByteBuffer.allocate(config.maxDatagramSize());
        this.cookies = new CookieCalls(localAddress, random, config.maxPayload(), config.receiveBufferSize());
        this.sealing = config.authentication() == null ? null : new SealingStage(this, config, counters);
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public ConnectionConfig config() {
        return config;
    }

    /**
     * Accepts call requests from now on, with cookies when the backlog is full ({@link
     * CookieMode#ON_OVERFLOW}). At most {@code backlog} connections may be half-open or
     * established and not yet accepted; beyond that a call request gets a cookie (spec 8.3).
     */
    public void listen(int backlog) {
        listen(backlog, CookieMode.ON_OVERFLOW);
    }

    /**
     * Accepts call requests from now on. At most {@code backlog} connections may be half-open or
     * established and not yet accepted; a call request beyond that is refused with RST, or
     * answered with a stateless cookie as {@code mode} says (spec 8.3). In the authenticated mode
     * cookies are off whatever {@code mode} says (spec/AUTHENTICATED.md 6: not combined in this version).
     *
     * @throws IllegalArgumentException in the authenticated mode without the server's private key or a pre-shared key
     */
    public void listen(int backlog, CookieMode mode) {
        if (backlog < 1) throw new IllegalArgumentException("backlog must be positive: " + backlog);
        Objects.requireNonNull(mode, "mode");
        if (sealing != null) sealing.checkCanServe();
        this.backlog = backlog;
        this.cookieMode = sealing != null ? CookieMode.OFF : mode;
    }

    /**
     * Stops accepting call requests. Connections not yet accepted are reset, as closing a TCP
     * listening socket resets them; accepted connections are not affected.
     */
    public void stopListening() {
        backlog = -1;
        for (Connection c : new ArrayList<>(handshakes.values())) c.abort();
        for (Connection c : acceptQueue) c.abort();
        acceptQueue.clear();
        handshakes.clear();
    }

    /** Opens a connection to {@code remote}; its call request goes out at the next {@link #flush}. */
    public Connection connect(InetSocketAddress remote, long now) {
        int id = newConnectionId();
        Connection c = Connection.connect(this, config, remote, id, isns.isn(localAddress, remote, id, now), now);
        if (sealing != null) c.sealed = sealing.calling();
        register(c);
        return c;
    }

    /** The next connection whose handshake completed, or null. */
    public Connection accept() {
        return acceptQueue.poll();
    }

    /** Connections the endpoint still tracks (including TIME_WAIT and half-open ones). */
    public int connectionCount() {
        return byId.size();
    }

    /** Bytes of received data the connections hold now, against {@link #receiveMemoryBudget()}. */
    public long receiveMemoryHeld() {
        return limits.memory().used();
    }

    /** Segments dropped because the receive memory budget had no room for them (spec 10.5). */
    public long receiveMemoryRefusals() {
        return limits.memory().refused();
    }

    /** The receive memory budget all connections share (spec 10.5). */
    public long receiveMemoryBudget() {
        return limits.memory().budget();
    }

    /** The most connections this endpoint keeps (spec 8.2). */
    public int maxConnections() {
        return limits.maxConnections();
    }

    /** Datagrams dropped because they did not decode. */
    public long decodeErrors() {
        return counters.decodeErrors();
    }

    /** What the endpoint counted of its datagrams and its defences (see {@link EndpointCounters}). */
    public EndpointCounters counters() {
        counters.statelessRepliesSuppressed = replyLimit.suppressed();
        return counters;
    }

    /** Handles one received datagram (its bytes from position to limit). Never throws for bad input. */
    public void receive(InetSocketAddress from, ByteBuffer datagram, long now) {
        counters.received();
        if (sealing != null) {
            sealing.receive(from, datagram, now);
            return;
        }
        DecodeResult result = PacketCodec.decode(datagram);
        if (result instanceof DecodeResult.Error e) {
            undecodable(from, e.kind() == DecodeError.BAD_CHECKSUM, now);
            return;
        }
        Packet p = ((DecodeResult.Ok) result).packet();
        if (p instanceof Packet.Syn syn) {
            onSyn(from, syn, null, now);
            return;
        }
        Connection c = matching(from, p.header());
        if (c != null) {
            c.onPacket(p, now);
            return;
        }
        counters.dropped();
        // Spec 5: only a SYN may have id 0; and never an RST for an RST.
        if (p.header().dstConnId() != 0 && !(p instanceof Packet.Rst)) onStrayPacket(from, p, now);
    }

    /** A datagram that did not decode (spec 6.1); a {@code corrupt} one from a known peer draws that connection's NACK (6.2). */
    void undecodable(InetSocketAddress from, boolean corrupt, long now) {
        counters.decodeError();
        if (!corrupt) return;
        Connection c = byPeer.only(from);
        if (c != null) c.onCorruptDatagram(now);
    }

    /** The connection a packet other than SYN with header {@code h} from {@code from} is for, or null (spec 5). */
    Connection matching(InetSocketAddress from, Header h) {
        if (h.dstConnId() == 0) return null;
        Connection c = byId.get(h.dstConnId());
        return c != null && c.remoteAddress().equals(from) ? c : null;
    }

    /**
     * The authenticated mode's packet for no connection (spec 5 rule 3): dropped, and answered
     * with RST(NO_CONNECTION) unless it is an RST or has id 0. Cookies are not in use.
     */
    void unmatched(InetSocketAddress from, Header h, boolean reset, long now) {
        counters.dropped();
        if (h.dstConnId() != 0 && !reset) resetStray(from, h, now);
    }

    /**
     * A SYN (spec 5: only a SYN may have destination id 0, and a SYN must). In the authenticated
     * mode {@code sealedCall} is the AUTH SYN's bytes, or null for a plain SYN or one naming
     * another suite, which is refused (spec/AUTHENTICATED.md 1).
     */
    void onSyn(InetSocketAddress from, Packet.Syn syn, byte[] sealedCall, long now) {
        if (syn.header().dstConnId() != 0) counters.dropped();
        else if (sealing != null && sealedCall == null) refuse(from, syn.header(), ResetReason.REFUSED, 0, now);
        else onCallRequest(from, syn, sealedCall, now);
    }

    /**
     * A packet other than SYN or RST that matches no connection (spec 5 rule 3). While cookies
     * are in use it may be the first packet of a cookie call (spec 8.3 rule 3): if its cookie
     * checks, it creates the connection; if not, it is dropped silently, since it may be a later
     * segment of such a call. Otherwise, RFC 9293 3.10.7.1 in rudp's terms: it is answered with
     * RST, its sequence number taken from the packet's ACK field.
     */
    private void onStrayPacket(InetSocketAddress from, Packet p, long now) {
        if (!cookies.recentlyIssued(now)) {
            resetStray(from, p.header(), now);
            return;
        }
        // Its id may have been given to another connection since the cookie went out: one id, one connection.
        Packet.Syn call = byId.contains(p.header().dstConnId()) ? null : cookies.check(from, p, now);
        if (call == null) {
            counters.cookiesFailed++;
            return;
        }
        if (backlog <= 0 || acceptQueue.size() >= backlog) {
            if (backlog > 0) counters.refusedQueueFull++;
            queueReset(from, noConnectionReply(p.header(), backlog > 0 ? Flags.QUEUE_FULL : 0), ResetReason.REFUSED, now);
            return;
        }
        if (!limits.admitsConnection(byId.size())) {
            queueReset(from, noConnectionReply(p.header(), 0), ResetReason.CONNECTION_LIMIT, now);
            return;
        }
        counters.cookiesAccepted++;
        Header h = p.header();
        Connection c = Connection.accept(this, config, from, h.dstConnId(), h.ack() - 1, call, true, now);
        register(c);
        c.onPacket(p, now);
    }

    private void resetStray(InetSocketAddress from, Header h, long now) {
        queueReset(from, noConnectionReply(h, 0), ResetReason.NO_CONNECTION, now);
    }

    /** The header of an RST answering {@code h} for no connection (spec 13.2): ids swapped, seq = its ack, ack = its seq. */
    private static Header noConnectionReply(Header h, int flags) {
        return new Header(flags, h.srcConnId(), h.dstConnId(), h.ack(), h.seq(), 0, 0, 0);
    }

    private void onCallRequest(InetSocketAddress from, Packet.Syn syn, byte[] sealedCall, long now) {
        Header h = syn.header();
        SynKey key = new SynKey(from, h.srcConnId());
        Connection pending = handshakes.get(key);
        if (pending == null) pending = byPeer.find(from, h.srcConnId());
        if (pending != null) {
            // Its SYN_ACK is resent (spec 8.2 rule 4); a synchronized connection answers with a challenge ACK (RFC 5961 4.2).
            // An authenticated call's resend is the same bytes (spec/AUTHENTICATED.md 3): another SYN is not the caller's.
            if (pending.sealed == null || pending.sealed.isCall(sealedCall)) pending.onPacket(syn, now);
            return;
        }
        if (backlog <= 0) {
            refuse(from, h, ResetReason.REFUSED, 0, now);
            return;
        }
        if (!limits.admitsConnection(byId.size())) {
            refuse(from, h, ResetReason.CONNECTION_LIMIT, 0, now);
            return;
        }
        boolean backlogFull = handshakes.size() + acceptQueue.size() >= backlog;
        // Spec 8.3 rule 1: with the accept queue alone full, a cookie would only open a connection nobody accepts.
        if (acceptQueue.size() >= backlog || backlogFull && cookieMode == CookieMode.OFF) {
            counters.refusedQueueFull++;
            refuse(from, h, ResetReason.REFUSED, Flags.QUEUE_FULL, now);
            return;
        }
        if (backlogFull || cookieMode == CookieMode.ALWAYS) {
            answerWithCookie(from, syn, now);
            return;
        }
        int id = newConnectionId();
        Connection c = Connection.accept(this, config, from, id, isns.isn(localAddress, from, id, now), syn, false, now);
        if (sealedCall != null) c.sealed = sealing.answering(sealedCall);
        register(c);
        handshakes.put(key, c);
    }

    /** Spec 8.3 rule 2: a cookie SYN_ACK, and no state. */
    private void answerWithCookie(InetSocketAddress from, Packet.Syn syn, long now) {
        Packet.SynAck answer = cookies.answer(from, syn, now, byId::contains);
        if (answer == null) return;
        counters.cookiesSent++;
        replies.add(new StatelessReply(from, answer));
    }

    /**
     * Answers the call request {@code syn} with RST({@code reason}) and keeps no state (spec 8.2, 13.2);
     * {@code flags} carries QUEUE_FULL when the accept queue is why.
     */
    private void refuse(InetSocketAddress from, Header syn, ResetReason reason, int flags, long now) {
        counters.callRefused();
        queueReset(from, new Header(flags, syn.srcConnId(), 0, 0, syn.seq() + 1, 0, 0, 0), reason, now);
    }

    /** ICMP port unreachable from {@code remote}: calls to it in progress are refused. */
    public void portUnreachable(InetSocketAddress remote) {
        byPeer.forEach(remote, Connection::onPortUnreachable);
    }

    /** Whether a {@link #flush} would have work: connections to service or resets to send. */
    public boolean hasPendingOutput() {
        return !serviceQueue.isEmpty() || !replies.isEmpty();
    }

    /** Runs the timers of every connection whose deadline has come. */
    public void timeout(long now) {
        Connection c;
        while ((c = timers.peek()) != null && c.heapKey <= now) {
            timers.remove(c);
            if (c.sealed != null && c.sealed.answeredUnauthenticated()) c.failUnauthenticated();
            else c.onTimeout(now);
            touched(c);
        }
    }

    /** The earliest deadline of any connection, valid after {@link #flush}; {@code Long.MAX_VALUE} if none. */
    public long nextDeadline() {
        return timers.earliest();
    }

    /** Sends every datagram that is due, through {@code driverSink}. */
    public void flush(long now, DatagramSink driverSink) {
        DatagramSink sink = counters.countingInto(driverSink);
        replySlot.use(out, sink);
        for (StatelessReply r : replies) {
            PacketCodec.encode(r.packet(), replySlot.open(r.to()));
            replySlot.send(r.to());
            if (r.packet() instanceof Packet.Rst) counters.resetSent();
        }
        replies.clear();
        Connection c;
        while ((c = serviceQueue.poll()) != null) {
            c.queued = false;
            c.flush(now, out, c.sealed == null ? sink : c.sealed.sealingInto(sink));
            if (c.isTerminated()) {
                forget(c);
            } else {
                timers.update(c, c.nextDeadline());
            }
        }
    }

    /** Hands every connection's pending events to {@code handler}. */
    public void drainEvents(EventHandler handler) {
        for (int i = 0; i < withEvents.size(); i++) {
            Connection c = withEvents.get(i);
            int e = c.takeEvents();
            if (e != 0) handler.onEvents(c, e);
        }
        withEvents.clear();
    }

    @Override
    public void touched(Connection c) {
        if (!c.queued) {
            c.queued = true;
            serviceQueue.add(c);
            withEvents.add(c);
        }
    }

    @Override
    public void established(Connection c) {
        handshakes.values().remove(c);
        acceptQueue.add(c);
    }

    @Override
    public ReceiveMemory receiveMemory() {
        return limits.memory();
    }

    private void register(Connection c) {
        byId.put(c.localId(), c);
        byPeer.add(c);
        touched(c);
    }

    private void forget(Connection c) {
        c.retire();
        timers.remove(c);
        byId.remove(c.localId(), c);
        byPeer.remove(c);
        if (c.isHandshaking() || !c.isClient()) handshakes.values().remove(c);
        acceptQueue.remove(c);
        withEvents.add(c);
    }

    private void queueReset(InetSocketAddress to, Header h, ResetReason reason, long now) {
        if (replyLimit.allow(to, now)) replies.add(new StatelessReply(to, new Packet.Rst(h, reason)));
    }

    private int newConnectionId() {
        int id;
        do {
            id = random.nextInt();
        } while (id == 0 || byId.contains(id));
        return id;
    }
}
