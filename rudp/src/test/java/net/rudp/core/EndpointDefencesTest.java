package net.rudp.core;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionState;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.ResetReason;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's defences against hostile and spoofed traffic, packet by packet: stateless
 * cookie calls (spec 8.3), the queue-full refusal, per-source RST limits (13.1), challenge ACKs
 * (13.3), the small CORRUPT_SEEN NACK (6.2) and the lookup by address behind it.
 */
class EndpointDefencesTest {
    static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.1", 4000);
    static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.2", 5000);
    static final long MS = 1_000_000;
    /** Cookie clocks tick in 8.4 s; start mid-tick, well away from 0. */
    static final long T0 = 1_000_000 * MS;

    final Endpoint server = new Endpoint(SERVER, ConnectionConfig.DEFAULT, new SplittableRandom(7));
    final Captured out = new Captured();

    static Packet.Syn syn(int clientId, int isn) {
        return new Packet.Syn(new Header(0, 0, clientId, isn, 0, 65536, 1000, 0), 1162);
    }

    private List<Packet> deliver(InetSocketAddress from, Packet p, long now) {
        server.receive(from, Captured.bytes(p), now);
        server.flush(now, out);
        return out.take();
    }

    /** The client's first packet after a SYN_ACK: ACK at seq = ISN + 1, ack = the server's ISN + 1. */
    static Packet.Ack firstAck(Packet.SynAck synAck, int clientId, int clientIsn, int window) {
        Header h = synAck.header();
        return new Packet.Ack(new Header(0, h.srcConnId(), clientId, clientIsn + 1, h.seq() + 1, window, 2000, h.timestamp()),
            List.of());
    }

    @Test
    void aFullBacklogAnswersWithACookieAndKeepsNoState() {
        server.listen(1);
        deliver(CLIENT, syn(1, 10), T0);
        assertEquals(1, server.connectionCount());
        Packet.SynAck cookie = assertInstanceOf(Packet.SynAck.class, deliver(CLIENT, syn(2, 20), T0).getFirst());
        assertEquals(Flags.COOKIE, cookie.header().flags());
        assertEquals(2, cookie.header().dstConnId());
        assertEquals(21, cookie.header().ack());
        assertEquals(1000, cookie.header().timestampEcho());
        assertEquals(1, server.connectionCount(), "spec 8.3 rule 2: no state for a cookie call");
        Packet.SynAck again = (Packet.SynAck) deliver(CLIENT, syn(2, 20), T0 + 500 * MS).getFirst();
        assertEquals(cookie.header().srcConnId(), again.header().srcConnId(), "a retransmitted SYN gets the same cookie");
        assertEquals(cookie.header().seq(), again.header().seq());
        assertEquals(2, server.counters().cookiesSent());
    }

    @Test
    void theFirstPacketWithAGenuineCookieCreatesAnEstablishedConnectionAndIsAcknowledgedAtOnce() {
        server.listen(4, CookieMode.ALWAYS);
        Packet.SynAck cookie = (Packet.SynAck) deliver(CLIENT, syn(11, 1000), T0).getFirst();
        assertEquals(0, server.connectionCount());
        Header h = cookie.header();
        Header data = new Header(0, h.srcConnId(), 11, 1001, h.seq() + 1, 30_000, 2000, h.timestamp());
        List<Packet> reply = deliver(CLIENT, new Packet.Data(data, ByteBuffer.wrap(new byte[] {1, 2, 3})), T0 + 30 * MS);
        Connection c = server.accept();
        assertNotNull(c, "spec 8.3 rule 3: queued for accept");
        assertEquals(ConnectionState.ESTABLISHED, c.state());
        assertEquals(h.srcConnId(), c.localId(), "the cookie's conn id");
        assertEquals(3, c.readableBytes(), "the packet that carried the cookie is processed as in ESTABLISHED");
        Packet.Ack ack = assertInstanceOf(Packet.Ack.class, reply.getFirst(), "an ACK at once: " + reply);
        assertEquals(1004, ack.header().ack());
        assertEquals(1162, c.maxSegmentSize(), "the max payload the cookie carried");
        assertEquals(1, server.counters().cookiesAccepted());
    }

    @Test
    void aPacketWhoseCookieDoesNotCheckIsDroppedSilentlyWhileCookiesAreInUse() {
        server.listen(4, CookieMode.ALWAYS);
        Packet.SynAck cookie = (Packet.SynAck) deliver(CLIENT, syn(11, 1000), T0).getFirst();
        Header h = cookie.header();
        Header forged = new Header(0, h.srcConnId(), 11, 1001, h.seq() + 2, 30_000, 2000, 0);
        assertTrue(deliver(CLIENT, new Packet.Ack(forged, List.of()), T0 + MS).isEmpty(), "no RST: it may be a later segment");
        Header laterSegment = new Header(0, h.srcConnId(), 11, 1001 + 1162, h.seq() + 1, 30_000, 2000, 0);
        assertTrue(deliver(CLIENT, new Packet.Data(laterSegment, ByteBuffer.wrap(new byte[5])), T0 + MS).isEmpty());
        InetSocketAddress spoofed = new InetSocketAddress("198.51.100.9", 5000);
        assertTrue(deliver(spoofed, firstAck(cookie, 11, 1000, 30_000), T0 + MS).isEmpty(), "the cookie binds the address");
        assertNull(server.accept());
        assertEquals(0, server.connectionCount());
        assertEquals(3, server.counters().cookiesFailed());
    }

    @Test
    void aCookieExpiresAfterItsTickAndTheNext() {
        server.listen(4, CookieMode.ALWAYS);
        Packet.SynAck cookie = (Packet.SynAck) deliver(CLIENT, syn(11, 1000), T0).getFirst();
        deliver(CLIENT, syn(12, 2000), T0 + 16_000 * MS); // keeps cookies "in use", so the stale one is dropped, not reset
        assertTrue(deliver(CLIENT, firstAck(cookie, 11, 1000, 30_000), T0 + 17_000 * MS).isEmpty());
        assertNull(server.accept());
    }

    @Test
    void withTheAcceptQueueFullAGenuineCookieAndANewSynAreRefusedAsQueueFull() {
        server.listen(1, CookieMode.ALWAYS);
        Packet.SynAck first = (Packet.SynAck) deliver(CLIENT, syn(11, 1000), T0).getFirst();
        deliver(CLIENT, firstAck(first, 11, 1000, 30_000), T0 + MS);
        InetSocketAddress other = new InetSocketAddress("192.0.2.3", 5000);
        Packet.Rst refused = assertInstanceOf(Packet.Rst.class, deliver(other, syn(12, 2000), T0 + 2 * MS).getFirst());
        assertEquals(ResetReason.REFUSED, refused.reason());
        assertEquals(Flags.QUEUE_FULL, refused.header().flags(), "spec 8.3 rule 1");
        assertEquals(2001, refused.header().ack());
    }

    @Test
    void aGenuineCookieFindingTheAcceptQueueFullIsRefusedInTheNoConnectionForm() {
        server.listen(1, CookieMode.ALWAYS);
        Packet.SynAck first = (Packet.SynAck) deliver(CLIENT, syn(11, 1000), T0).getFirst();
        InetSocketAddress other = new InetSocketAddress("192.0.2.3", 5000);
        Packet.SynAck second = (Packet.SynAck) deliver(other, syn(12, 2000), T0).getFirst();
        deliver(CLIENT, firstAck(first, 11, 1000, 30_000), T0 + MS);
        Packet.Rst refused = assertInstanceOf(Packet.Rst.class, deliver(other, firstAck(second, 12, 2000, 30_000), T0 + MS).getFirst());
        assertEquals(ResetReason.REFUSED, refused.reason());
        assertEquals(Flags.QUEUE_FULL, refused.header().flags());
        assertEquals(12, refused.header().dstConnId());
        assertEquals(second.header().seq() + 1, refused.header().seq(), "at the client's RCV.NXT, so it acts");
        assertEquals(1, server.counters().refusedQueueFull());
    }

    @Test
    void aClientEndpointConnectsThroughACookieAndBothSidesTransfer() {
        server.listen(4, CookieMode.ALWAYS);
        Endpoint client = new Endpoint(CLIENT, ConnectionConfig.DEFAULT, new SplittableRandom(8));
        Connection c = client.connect(SERVER, T0);
        c.write(ByteBuffer.wrap("hello".getBytes()));
        Captured toServer = new Captured();
        long now = T0;
        Connection accepted = null;
        for (int round = 0; round < 10 && (accepted == null || accepted.readableBytes() < 5); round++, now += 10 * MS) {
            client.flush(now, toServer);
            for (Captured.Sent s : toServer.sent) server.receive(CLIENT, ByteBuffer.wrap(s.bytes()), now);
            toServer.sent.clear();
            server.flush(now, out);
            for (Captured.Sent s : out.sent) client.receive(SERVER, ByteBuffer.wrap(s.bytes()), now);
            out.sent.clear();
            if (accepted == null) accepted = server.accept();
        }
        assertNotNull(accepted, "the cookie call opened");
        assertEquals(ConnectionState.ESTABLISHED, c.state());
        ByteBuffer read = ByteBuffer.allocate(16);
        accepted.read(read);
        assertEquals("hello", new String(read.array(), 0, read.position()));
    }

    @Test
    void resetsToOneSourceAreLimitedWhateverTheGlobalBudget() {
        int answered = 0;
        for (int i = 0; i < 100; i++) {
            Header h = new Header(0, 0x1234 + i, 77, 5000, 9000, 100, 1, 0);
            answered += deliver(CLIENT, new Packet.Probe(h), T0 + i * MS).size();
        }
        assertEquals(StatelessReplyLimiter.SOURCE_BURST + 1, answered, "a burst, then one per 50 ms over 100 ms");
        InetSocketAddress other = new InetSocketAddress("192.0.2.77", 6000);
        assertEquals(1, deliver(other, new Packet.Probe(new Header(0, 5, 6, 7, 8, 0, 0, 0)), T0 + 100 * MS).size(),
            "another source has its own budget");
    }

    @Test
    void aCorruptSeenNackListsAtMostEightRanges() {
        server.listen(4);
        Packet.SynAck synAck = (Packet.SynAck) deliver(CLIENT, syn(11, 1000), 0).getFirst();
        deliver(CLIENT, firstAck(synAck, 11, 1000, 1 << 20), 10 * MS);
        Header h = synAck.header();
        for (int i = 1; i <= 40; i++) { // 40 gaps: 1-byte segments at offsets 2, 4, ...
            Header d = new Header(0, h.srcConnId(), 11, 1001 + 2 * i, h.seq() + 1, 1 << 20, 3000, 0);
            server.receive(CLIENT, Captured.bytes(new Packet.Data(d, ByteBuffer.wrap(new byte[] {1}))), 20 * MS);
        }
        server.flush(20 * MS, out);
        out.take();
        server.receive(CLIENT, ByteBuffer.wrap(new byte[PacketCodec.MIN_DATAGRAM]), 2_000 * MS);
        server.flush(2_000 * MS, out);
        List<Captured.Sent> sent = new ArrayList<>(out.sent);
        Packet.Nack nack = assertInstanceOf(Packet.Nack.class, sent.getFirst().packet());
        assertEquals(Flags.CORRUPT_SEEN, nack.header().flags());
        assertEquals(NackPolicy.CORRUPT_SEEN_RANGES, nack.missingRanges().size());
        assertTrue(sent.getFirst().bytes().length <= 3 * PacketCodec.MIN_DATAGRAM, "at most 3x the 36 bytes that drew it");
    }

    @Test
    void aCorruptDatagramFindsTheOnlyConnectionOfItsAddressAmongThousands() {
        server.listen(30_000, CookieMode.OFF);
        for (int i = 0; i < 5_000; i++) {
            InetSocketAddress peer = new InetSocketAddress("198.51.100." + (1 + i % 200), 10_000 + i);
            Packet.SynAck sa = (Packet.SynAck) deliver(peer, syn(100 + i, i), 0).getFirst();
            deliver(peer, firstAck(sa, 100 + i, i, 1 << 20), MS);
        }
        Packet.SynAck sa = (Packet.SynAck) deliver(CLIENT, syn(11, 1000), 0).getFirst();
        deliver(CLIENT, firstAck(sa, 11, 1000, 1 << 20), MS);
        server.receive(CLIENT, ByteBuffer.wrap(new byte[PacketCodec.MIN_DATAGRAM]), 2_000 * MS);
        server.flush(2_000 * MS, out);
        List<Captured.Sent> sent = new ArrayList<>(out.sent);
        assertEquals(1, sent.size());
        assertEquals(CLIENT, sent.getFirst().to());
        assertInstanceOf(Packet.Nack.class, sent.getFirst().packet());
    }

    @Test
    void anInWindowResetNotAtRcvNxtDrawsAChallengeAckAndOnlyTheExactOneActs() {
        server.listen(4);
        Packet.SynAck sa = (Packet.SynAck) deliver(CLIENT, syn(11, 1000), 0).getFirst();
        deliver(CLIENT, firstAck(sa, 11, 1000, 1 << 20), MS);
        Connection c = server.accept();
        Header h = sa.header();
        Header inWindow = new Header(0, h.srcConnId(), 11, 1001 + 5_000, h.seq() + 1, 0, 0, 0);
        Packet.Ack challenge = assertInstanceOf(Packet.Ack.class, deliver(CLIENT, new Packet.Rst(inWindow, ResetReason.ABORT), 2 * MS).getFirst());
        assertEquals(1001, challenge.header().ack(), "the challenge tells the peer RCV.NXT");
        assertEquals(ConnectionState.ESTABLISHED, c.state(), "RFC 5961 3.2: not reset");
        assertTrue(deliver(CLIENT, new Packet.Rst(inWindow, ResetReason.ABORT), 3 * MS).isEmpty(), "one challenge per 500 ms");
        Header exact = new Header(0, h.srcConnId(), 11, 1001, h.seq() + 1, 0, 0, 0);
        deliver(CLIENT, new Packet.Rst(exact, ResetReason.ABORT), 4 * MS);
        assertEquals(ConnectionError.RESET, c.error());
    }

    @Test
    void aSynForAnEstablishedConnectionDrawsAChallengeAckNotANewCall() {
        server.listen(4);
        Packet.SynAck sa = (Packet.SynAck) deliver(CLIENT, syn(11, 1000), 0).getFirst();
        deliver(CLIENT, firstAck(sa, 11, 1000, 1 << 20), MS);
        Packet.Ack challenge = assertInstanceOf(Packet.Ack.class, deliver(CLIENT, syn(11, 1000), 2 * MS).getFirst());
        assertEquals(1001, challenge.header().ack());
        assertEquals(1, server.connectionCount(), "RFC 5961 4.2: no second connection for a stale SYN");
    }

    @Test
    void aClientWhoseFirstPacketIsLostAfterACookieResendsItAndTheCallOpens() {
        server.listen(4, CookieMode.ALWAYS);
        Endpoint client = new Endpoint(CLIENT, ConnectionConfig.DEFAULT, new SplittableRandom(8));
        Connection c = client.connect(SERVER, T0);
        Captured toServer = new Captured();
        client.flush(T0, toServer);
        server.receive(CLIENT, ByteBuffer.wrap(toServer.sent.getFirst().bytes()), T0);
        toServer.sent.clear();
        server.flush(T0, out);
        client.receive(SERVER, ByteBuffer.wrap(out.sent.getFirst().bytes()), T0 + MS);
        out.sent.clear();
        client.flush(T0 + MS, toServer);
        assertEquals(ConnectionState.ESTABLISHED, c.state());
        toServer.sent.clear(); // the client's ACK is lost
        long resend = T0 + MS + ConnectionConfig.DEFAULT.initialRtoNanos();
        client.timeout(resend);
        client.flush(resend, toServer);
        Packet.Probe probe = assertInstanceOf(Packet.Probe.class, toServer.sent.getFirst().packet(), "spec 8.1 rule 8");
        server.receive(CLIENT, ByteBuffer.wrap(toServer.sent.getFirst().bytes()), resend);
        assertNotNull(server.accept(), "the resent first packet (seq = ISN + 1) carries the cookie: " + probe);
    }
}
