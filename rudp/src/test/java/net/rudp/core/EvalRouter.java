package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import net.rudp.sim.SimNode;
import net.rudp.wire.DecodeResult;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;

/**
 * A router in front of one server, which makes a shared bottleneck out of the simulator's
 * per-pair links: every client's datagrams leave through the router's one link to the server
 * (one {@code ImpairedLink}: one queue, one rate), and everything the server sends comes back
 * through the router's one link from it. The server sees all flows coming from the router's
 * address and tells them apart by connection id (spec/PROTOCOL.md section 5); the router, like a
 * QUIC load balancer, routes the server's datagrams by their destination connection id to the
 * client whose source connection id it has seen.
 *
 * <p>Zero processing delay; it adds no impairment of its own except on request: it can drop the
 * next DATA datagram a client sends (a single forced loss), or everything it receives until a
 * given time (a black hole), for the window-shape tests.
 */
final class EvalRouter implements SimNode {
    private final InetSocketAddress address;
    private final InetSocketAddress server;
    private final Map<Integer, InetSocketAddress> clientsByConnectionId = new HashMap<>();
    private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();
    private int dataToDrop;
    private long blackHoleUntil = Long.MIN_VALUE;
    private long dropped;

    private record Outgoing(InetSocketAddress to, ByteBuffer datagram) {}

    EvalRouter(InetSocketAddress address, InetSocketAddress server) {
        this.address = address;
        this.server = server;
    }

    /** Drops the next DATA datagram that a client sends. */
    void dropNextData() {
        dataToDrop++;
    }

    /** Drops every datagram that reaches the router, either way, until {@code untilNanos}. */
    void blackHole(long untilNanos) {
        blackHoleUntil = untilNanos;
    }

    /** Datagrams dropped on request, or because no client had the destination connection id. */
    long dropped() {
        return dropped;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void receive(InetSocketAddress from, ByteBuffer datagram, long nowNanos) {
        if (nowNanos < blackHoleUntil || !(PacketCodec.decode(datagram) instanceof DecodeResult.Ok ok)) {
            dropped++;
            return;
        }
        Packet p = ok.packet();
        InetSocketAddress to;
        if (from.equals(server)) {
            to = clientsByConnectionId.get(p.header().dstConnId());
        } else {
            clientsByConnectionId.put(p.header().srcConnId(), from);
            to = server;
            if (dataToDrop > 0 && p instanceof Packet.Data) {
                dataToDrop--;
                to = null;
            }
        }
        if (to == null) {
            dropped++;
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(datagram.remaining()).put(datagram.duplicate()).flip();
        outbox.add(new Outgoing(to, copy));
    }

    @Override
    public void timeout(long nowNanos) {
        // No timers: a router only forwards.
    }

    @Override
    public long nextDeadline() {
        return Long.MAX_VALUE;
    }

    @Override
    public void flush(long nowNanos, DatagramSink sink) {
        Outgoing o;
        while ((o = outbox.poll()) != null) sink.send(o.to(), o.datagram());
    }
}
