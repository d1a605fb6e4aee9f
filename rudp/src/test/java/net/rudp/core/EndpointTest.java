package net.rudp.core;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionState;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.ResetReason;
import org.junit.jupiter.api.Test;

/** Protocol rules at the endpoint, packet by packet (spec: "Listening", "Resets"). */
class EndpointTest {
    static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.1", 4000);
    static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.2", 5000);
    static final long MS = 1_000_000;

    final Endpoint server = new Endpoint(SERVER, ConnectionConfig.DEFAULT, new SplittableRandom(7));
    final Captured out = new Captured();

    static Packet.Syn syn(int clientId, int isn) {
        return new Packet.Syn(new Header(0, 0, clientId, isn, 0, 65536, 1000, 0), 1162);
    }

    private List<Packet> deliver(Packet p, long now) {
        server.receive(CLIENT, Captured.bytes(p), now);
        server.flush(now, out);
        return out.take();
    }

    @Test
    void callRequestWithoutListenerIsRefused() {
        List<Packet> reply = deliver(syn(11, 1000), 0);
        Packet.Rst rst = assertInstanceOf(Packet.Rst.class, reply.getFirst());
        assertEquals(ResetReason.REFUSED, rst.reason());
        assertEquals(11, rst.header().dstConnId());
        assertEquals(1001, rst.header().ack(), "the refusal acknowledges the SYN so the caller can trust it");
    }

    @Test
    void callRequestIsAcceptedWithACookieAndTheThirdPacketMustAcknowledgeIt() {
        server.listen(4);
        Packet.SynAck synAck = assertInstanceOf(Packet.SynAck.class, deliver(syn(11, 1000), 0).getFirst());
        assertEquals(1001, synAck.header().ack());
        assertEquals(11, synAck.header().dstConnId());
        assertNull(server.accept(), "not established before the ACK");

        Header wrongAck = new Header(0, synAck.header().srcConnId(), 11, 1001, synAck.header().seq() + 7, 65536, 2000, 0);
        Packet.Rst rst = assertInstanceOf(Packet.Rst.class, deliver(new Packet.Ack(wrongAck, List.of()), 1 * MS).getFirst());
        assertEquals(ResetReason.PROTOCOL_VIOLATION, rst.reason());
        assertNull(server.accept());
    }

    @Test
    void handshakeCompletesAndTheConnectionIsQueuedForAccept() {
        server.listen(4);
        Packet.SynAck synAck = (Packet.SynAck) deliver(syn(11, 1000), 0).getFirst();
        Header ack = new Header(0, synAck.header().srcConnId(), 11, 1001, synAck.header().seq() + 1, 65536, 2000,
            synAck.header().timestamp());
        assertTrue(deliver(new Packet.Ack(ack, List.of()), 20 * MS).isEmpty(), "a bare ACK needs no answer");
        Connection c = server.accept();
        assertNotNull(c);
        assertEquals(ConnectionState.ESTABLISHED, c.state());
        assertEquals(CLIENT, c.remoteAddress());
    }

    @Test
    void retransmittedCallRequestGetsTheSameCallAccept() {
        server.listen(4);
        Packet.SynAck first = (Packet.SynAck) deliver(syn(11, 1000), 0).getFirst();
        Packet.SynAck again = (Packet.SynAck) deliver(syn(11, 1000), 500 * MS).getFirst();
        assertEquals(first.header().srcConnId(), again.header().srcConnId());
        assertEquals(first.header().seq(), again.header().seq());
        assertEquals(1, server.connectionCount());
    }

    @Test
    void callRequestsBeyondTheBacklogAreRefusedWhenCookiesAreOff() {
        server.listen(2, CookieMode.OFF);
        assertInstanceOf(Packet.SynAck.class, deliver(syn(1, 10), 0).getFirst());
        assertInstanceOf(Packet.SynAck.class, deliver(syn(2, 20), 0).getFirst());
        Packet.Rst rst = assertInstanceOf(Packet.Rst.class, deliver(syn(3, 30), 0).getFirst());
        assertEquals(ResetReason.REFUSED, rst.reason());
        assertEquals(Flags.QUEUE_FULL, rst.header().flags(), "the client is told the queue is full, not that nobody listens");
    }

    @Test
    void callRequestsBeyondTheConnectionLimitAreRefusedWithTheirReason() {
        Endpoint limited = new Endpoint(SERVER, ConnectionConfig.builder().maxConnections(2).build(), new SplittableRandom(7));
        limited.listen(10);
        for (int id = 11; id <= 13; id++) limited.receive(CLIENT, Captured.bytes(syn(id, 1000)), 0);
        limited.flush(0, out);
        List<Packet> replies = out.take();
        assertEquals(2, replies.stream().filter(p -> p instanceof Packet.SynAck).count());
        List<Packet.Rst> rsts = replies.stream().filter(p -> p instanceof Packet.Rst).map(p -> (Packet.Rst) p).toList();
        assertEquals(1, rsts.size(), "the backlog has room, the endpoint does not: " + replies);
        Packet.Rst rst = rsts.getFirst();
        assertEquals(ResetReason.CONNECTION_LIMIT, rst.reason());
        assertEquals(13, rst.header().dstConnId());
        assertEquals(1001, rst.header().ack());
        assertEquals(2, limited.connectionCount(), "the refused call left no state");
    }

    /** Completes a handshake for {@code clientId} with a DATA packet carrying {@code payload} at stream offset {@code at}. */
    private Connection establishWithData(int clientId, int at, byte[] payload) {
        Packet.SynAck sa = (Packet.SynAck) deliver(syn(clientId, 1000), 0).getFirst();
        Header h = new Header(0, sa.header().srcConnId(), clientId, 1001 + at, sa.header().seq() + 1, 65536, 2000, sa.header().timestamp());
        deliver(new Packet.Data(h, ByteBuffer.wrap(payload)), 1 * MS);
        return server.accept();
    }

    @Test
    void receivedDataHoldsBudgetUntilReadAndAnIdleConnectionHoldsNone() {
        server.listen(10);
        Connection a = establishWithData(11, 0, new byte[] {1, 2, 3});
        Connection b = establishWithData(12, 0, new byte[] {4});
        long chunk = server.config().maxPayload();
        assertEquals(2 * chunk, server.receiveMemoryHeld(), "one chunk per connection, whatever the window");
        assertEquals(3, a.read(ByteBuffer.allocate(10)));
        assertEquals(1, b.read(ByteBuffer.allocate(10)));
        assertEquals(0, server.receiveMemoryHeld(), "read to the end, an idle connection holds no chunk");
    }

    @Test
    void aConnectionThatEndsGivesItsReceiveMemoryBack() {
        server.listen(10);
        Connection c = establishWithData(11, 5_000, new byte[] {9});
        assertEquals(server.config().maxPayload(), server.receiveMemoryHeld(), "out-of-order data far ahead: one chunk");
        c.abort();
        server.flush(2 * MS, out);
        assertEquals(0, server.receiveMemoryHeld());
        assertEquals(0, server.connectionCount());
    }

    @Test
    void packetForAnUnknownConnectionIsAnsweredWithResetButAResetIsNot() {
        Header h = new Header(0, 0x1234, 77, 5000, 9000, 100, 1, 0);
        Packet.Rst rst = assertInstanceOf(Packet.Rst.class, deliver(new Packet.Data(h, ByteBuffer.wrap(new byte[10])), 0).getFirst());
        assertEquals(ResetReason.NO_CONNECTION, rst.reason());
        assertEquals(77, rst.header().dstConnId());
        assertEquals(9000, rst.header().seq(), "RFC 9293 3.10.7.1: the reset takes its sequence number from the ACK field");
        assertTrue(deliver(new Packet.Rst(h, ResetReason.ABORT), 0).isEmpty());
    }

    @Test
    void malformedBytesAreDroppedSilently() {
        server.listen(4);
        for (int len = 0; len < 100; len++) {
            server.receive(CLIENT, ByteBuffer.wrap(new byte[len]), 0);
        }
        server.flush(0, out);
        assertTrue(out.take().isEmpty());
        assertEquals(100, server.decodeErrors());
    }

    @Test
    void resetsToUnknownConnectionsAreRateLimited() {
        int answered = 0;
        for (int i = 0; i < 1000; i++) {
            Header h = new Header(0, 0x1234 + i, 77, 5000, 9000, 100, 1, 0);
            answered += deliver(new Packet.Probe(h), 0).size();
        }
        assertTrue(answered < 100, "a flood must not be answered one for one: " + answered);
        assertTrue(answered > 0);
    }
}
