package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import net.rudp.ConnectionConfig;
import net.rudp.wire.DecodeError;
import net.rudp.wire.DecodeResult;
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
 * listener and its backlog, answers packets for unknown connections with RST, and turns a corrupt
 * datagram from a known peer into that connection's NACK.
 */
public final class Endpoint implements Connection.Owner {

    /** Receives the events of one connection (see {@link ConnectionEvents}). */
    @FunctionalInterface
    public interface EventHandler {
        void onEvents(Connection connection, int events);
    }

    /** RSTs for unknown connections are rate limited so a flood cannot turn us into an amplifier. */
    private static final long RESET_INTERVAL_NANOS = 1_000_000;
    private static final int RESET_BURST = 32;

    private final InetSocketAddress localAddress;
    private final ConnectionConfig config;
    private final RandomGenerator random;
    private final InitialSequenceNumbers isns;
    private final EndpointLimits limits;
    private final ByteBuffer out;

    private final ConnectionTable byId = new ConnectionTable();
    private final Map<SynKey, Connection> handshakes = new HashMap<>();
    private final ArrayDeque<Connection> acceptQueue = new ArrayDeque<>();
    private final ArrayDeque<Connection> serviceQueue = new ArrayDeque<>();
    private final List<Connection> withEvents = new ArrayList<>();
    private final List<PendingReset> resets = new ArrayList<>();
    private final DeadlineHeap timers = new DeadlineHeap();

    private int backlog = -1;
    private long resetCredit = RESET_BURST;
    private long resetCreditTime;
    private long decodeErrors;

    private record SynKey(InetSocketAddress peer, int peerConnId) {}

    private record PendingReset(InetSocketAddress to, Header header, ResetReason reason) {}

    /**
     * @param localAddress the address the driver's socket is bound to (an input to the ISN hash)
     * @param config       the configuration every connection of this endpoint gets
     * @param random       the source of connection ids and of the ISN secret
     */
    public Endpoint(InetSocketAddress localAddress, ConnectionConfig config, RandomGenerator random) {
        this(localAddress, config, random, new IsnGenerator(random));
    }

    /** With chosen initial sequence numbers: for tests that need, say, numbers about to wrap. */
    Endpoint(InetSocketAddress localAddress, ConnectionConfig config, RandomGenerator random, InitialSequenceNumbers isns) {
        this.localAddress = localAddress;
        this.config = config;
        this.random = random;
        this.isns = isns;
        this.limits = EndpointLimits.of(config, Runtime.getRuntime().maxMemory());
        this.out = ByteBuffer.allocate(config.maxDatagramSize());
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public ConnectionConfig config() {
        return config;
    }

    /**
     * Accepts call requests from now on. At most {@code backlog} connections may be half-open or
     * established and not yet accepted; a call request beyond that is refused with RST.
     */
    public void listen(int backlog) {
        if (backlog < 1) throw new IllegalArgumentException("backlog must be positive: " + backlog);
        this.backlog = backlog;
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
        byId.put(id, c);
        touched(c);
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
        return decodeErrors;
    }

    /** Handles one received datagram (its bytes from position to limit). Never throws for bad input. */
    public void receive(InetSocketAddress from, ByteBuffer datagram, long now) {
        DecodeResult result = PacketCodec.decode(datagram);
        if (result instanceof DecodeResult.Error e) {
            decodeErrors++;
            if (e.kind() == DecodeError.BAD_CHECKSUM) {
                Connection c = onlyConnectionFrom(from);
                if (c != null) c.onCorruptDatagram(now);
            }
            return;
        }
        Packet p = ((DecodeResult.Ok) result).packet();
        Header h = p.header();
        // Spec 5: only a SYN may have destination id 0, and a SYN must.
        if (p instanceof Packet.Syn syn) {
            if (h.dstConnId() == 0) onCallRequest(from, syn, now);
            return;
        }
        if (h.dstConnId() == 0) return;
        Connection c = byId.get(h.dstConnId());
        if (c == null || !c.remoteAddress().equals(from)) {
            // RFC 9293 3.10.7.1 in rudp's terms: a packet for no connection is answered with RST
            // (never an RST for an RST), its sequence number taken from the packet's ACK field.
            if (!(p instanceof Packet.Rst)) {
                queueReset(from, new Header(0, h.srcConnId(), h.dstConnId(), h.ack(), h.seq(), 0, 0, 0),
                    ResetReason.NO_CONNECTION, now);
            }
            return;
        }
        c.onPacket(p, now);
    }

    private void onCallRequest(InetSocketAddress from, Packet.Syn syn, long now) {
        Header h = syn.header();
        SynKey key = new SynKey(from, h.srcConnId());
        Connection pending = handshakes.get(key);
        if (pending != null) {
            pending.onPacket(syn, now);
            return;
        }
        if (backlog <= 0 || handshakes.size() + acceptQueue.size() >= backlog) {
            refuse(from, h, ResetReason.REFUSED, now);
            return;
        }
        if (!limits.admitsConnection(byId.size())) {
            refuse(from, h, ResetReason.CONNECTION_LIMIT, now);
            return;
        }
        int id = newConnectionId();
        Connection c = Connection.accept(this, config, from, id, isns.isn(localAddress, from, id, now), syn, now);
        byId.put(id, c);
        handshakes.put(key, c);
        touched(c);
    }

    /** Answers the call request {@code syn} with RST({@code reason}) and keeps no state (spec 8.2, 13.2). */
    private void refuse(InetSocketAddress from, Header syn, ResetReason reason, long now) {
        queueReset(from, new Header(0, syn.srcConnId(), 0, 0, syn.seq() + 1, 0, 0, 0), reason, now);
    }

    /** ICMP port unreachable from {@code remote}: calls to it in progress are refused. */
    public void portUnreachable(InetSocketAddress remote) {
        byId.forEach(c -> {
            if (c.remoteAddress().equals(remote)) c.onPortUnreachable();
        });
    }

    /** Whether a {@link #flush} would have work: connections to service or resets to send. */
    public boolean hasPendingOutput() {
        return !serviceQueue.isEmpty() || !resets.isEmpty();
    }

    /** Runs the timers of every connection whose deadline has come. */
    public void timeout(long now) {
        Connection c;
        while ((c = timers.peek()) != null && c.heapKey <= now) {
            timers.remove(c);
            c.onTimeout(now);
            touched(c);
        }
    }

    /** The earliest deadline of any connection, valid after {@link #flush}; {@code Long.MAX_VALUE} if none. */
    public long nextDeadline() {
        return timers.earliest();
    }

    /** Sends every datagram that is due, through {@code sink}. */
    public void flush(long now, DatagramSink sink) {
        for (PendingReset r : resets) {
            out.clear();
            PacketCodec.encode(new Packet.Rst(r.header(), r.reason()), out);
            out.flip();
            sink.send(r.to(), out);
        }
        resets.clear();
        Connection c;
        while ((c = serviceQueue.poll()) != null) {
            c.queued = false;
            c.flush(now, out, sink);
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

    private void forget(Connection c) {
        c.retire();
        timers.remove(c);
        byId.remove(c.localId(), c);
        if (c.isHandshaking() || !c.isClient()) handshakes.values().remove(c);
        acceptQueue.remove(c);
        withEvents.add(c);
    }

    private Connection onlyConnectionFrom(InetSocketAddress from) {
        Connection[] found = new Connection[1];
        int[] count = new int[1];
        byId.forEach(c -> {
            if (c.remoteAddress().equals(from)) {
                found[0] = c;
                count[0]++;
            }
        });
        return count[0] == 1 ? found[0] : null;
    }

    private void queueReset(InetSocketAddress to, Header h, ResetReason reason, long now) {
        long refill = (now - resetCreditTime) / RESET_INTERVAL_NANOS;
        if (refill > 0) {
            resetCredit = Math.min(RESET_BURST, resetCredit + refill);
            resetCreditTime = now;
        }
        if (resetCredit == 0) return;
        resetCredit--;
        resets.add(new PendingReset(to, h, reason));
    }

    private int newConnectionId() {
        int id;
        do {
            id = random.nextInt();
        } while (id == 0 || byId.contains(id));
        return id;
    }
}
