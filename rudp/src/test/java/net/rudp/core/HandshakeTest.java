package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.rudp.CongestionControl;
import net.rudp.ConnectionConfig;
import net.rudp.congestion.CongestionControllers;
import net.rudp.wire.DecodeResult;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.ResetReason;
import org.junit.jupiter.api.Test;

/** Both sides of the three-way handshake (spec 8), packet by packet. */
class HandshakeTest {
    private static final long S = 1_000_000_000L;
    private static final int ISN = 1000;

    private final ConnectionConfig config = ConnectionConfig.builder().connectTimeoutNanos(10 * S).build();
    private final TimerTable timers = new TimerTable();
    private final WireIds ids = new WireIds(0x11, ISN);
    private final SendBuffer buffer = new SendBuffer(1 << 16);
    private final RttEstimator rtt = new RttEstimator(S, S / 5, 60 * S);
    private final Receiver receiver = new Receiver(ids, config, TestMemory.ample(), timers, rtt, new PathMtu(config, timers));
    private final List<Packet> sent = new ArrayList<>();
    private final PacketWriter writer = new PacketWriter(new InetSocketAddress("192.0.2.9", 9), ids, receiver.stream(),
        receiver.window(), receiver.acks(), new ConnectionTrace(() -> { }), config.maxPayload());
    private final Sender sender = new Sender(config, ids.ours(), buffer, CongestionControllers.create(CongestionControl.BBR, config.maxPayload(), 1),
        rtt, timers, writer, new ConnectionTrace(() -> { }), receiver.acks(), new PathMtu(config, timers));

    private Handshake side(boolean client) {
        return new Handshake(client, config, timers, ids, buffer, receiver.window(), sender, receiver.acks(), 0);
    }

    private void flush(Handshake h, long now) {
        writer.begin(now, ByteBuffer.allocate(1500), (to, d) -> sent.add(((DecodeResult.Ok) PacketCodec.decode(d)).packet()));
        h.flush(writer);
    }

    @Test
    void theClientRetriesWithDoublingAndGivesUpOnTheConnectTimer() {
        Handshake client = side(true);
        flush(client, 0);
        flush(client, 0);
        assertEquals(1, sent.size(), "one SYN until the retry timer fires");
        assertInstanceOf(Packet.Syn.class, sent.getFirst());
        assertTrue(client.onTimeout(S));
        flush(client, S);
        assertTrue(client.retried());
        assertEquals(3 * S, timers.deadline(Timer.HANDSHAKE_RETRY), "1 s, then 2 s");
        assertTrue(client.onTimeout(3 * S));
        assertEquals(7 * S, timers.deadline(Timer.HANDSHAKE_RETRY));
        assertFalse(client.onTimeout(10 * S), "the connect timer gives up");
    }

    @Test
    void aSynAckThatAcknowledgesOurIsnCompletesTheClientsHandshake() {
        Handshake client = side(true);
        Header wrong = new Header(0, 0x11, 0x22, 5000, ISN + 2, 8000, 1, 1);
        assertEquals(Handshake.Outcome.PENDING, client.onPacketWhileCalling(new Packet.SynAck(wrong, 500)));
        Header right = new Header(0, 0x11, 0x22, 5000, ISN + 1, 8000, 1, 1);
        assertEquals(Handshake.Outcome.COMPLETE, client.onPacketWhileCalling(new Packet.SynAck(right, 500)));
        assertEquals(500, client.segmentSize(), "the smaller of both sides' payloads");
        assertEquals(0x22, ids.remoteId());
        assertEquals(5001, ids.peers().wire(1));
        assertEquals(8000, buffer.sendWindow(), "the SYN_ACK's window");
        assertFalse(timers.isArmed(Timer.HANDSHAKE_RETRY) || timers.isArmed(Timer.CONNECT));
        Header refused = new Header(0, 0x11, 0, 0, ISN + 1, 0, 0, 0);
        Handshake refusedCall = side(true);
        assertEquals(Handshake.Outcome.FAILED, refusedCall.onPacketWhileCalling(new Packet.Rst(refused, ResetReason.REFUSED)));
        assertEquals(ConnectionError.REFUSED, refusedCall.failure());
        Handshake limitedCall = side(true);
        assertEquals(Handshake.Outcome.FAILED, limitedCall.onPacketWhileCalling(new Packet.Rst(refused, ResetReason.CONNECTION_LIMIT)));
        assertEquals(ConnectionError.AT_CONNECTION_LIMIT, limitedCall.failure());
    }

    @Test
    void aRefusalWithQueueFullSaysTheServerListensButItsQueueIsFull() {
        Handshake client = side(true);
        Header full = new Header(Flags.QUEUE_FULL, 0x11, 0, 0, ISN + 1, 0, 0, 0);
        assertEquals(Handshake.Outcome.FAILED, client.onPacketWhileCalling(new Packet.Rst(full, ResetReason.REFUSED)));
        assertEquals(ConnectionError.QUEUE_FULL, client.failure());
        assertEquals("connection refused: the server's accept queue is full", client.failure().message);
        Header reset = new Header(Flags.QUEUE_FULL, 0x11, 0, 0, ISN + 1, 0, 0, 0);
        Handshake other = side(true);
        assertEquals(Handshake.Outcome.FAILED, other.onPacketWhileCalling(new Packet.Rst(reset, ResetReason.ABORT)));
        assertEquals(ConnectionError.RESET, other.failure(), "QUEUE_FULL means something only on REFUSED");
    }

    @Test
    void theServerSendsAtMostThreeSynAcksPerSynReceived() {
        Handshake server = side(false);
        server.answerCall(new Packet.Syn(new Header(0, 0, 0x22, 5000, 0, 8000, 1, 0), 1200), false);
        flush(server, 0);
        for (long t = S; t < 10 * S; t += S) {
            server.onTimeout(t);
            flush(server, t);
        }
        assertEquals(3, sent.size(), "RFC 9000 8.1: 3 x 38 bytes for the 38 bytes of one SYN, retransmissions included");
        server.onPacketWhileAccepting(new Packet.Syn(new Header(0, 0, 0x22, 5000, 0, 8000, 1, 0), 1200));
        flush(server, 10 * S);
        assertEquals(4, sent.size(), "a retransmitted SYN earns its own answer");
    }

    @Test
    void aCallAcceptedByCookieSendsNoSynAckAndAcknowledgesTheFirstPacketAtOnce() {
        Handshake server = side(false);
        server.answerCall(new Packet.Syn(new Header(0, 0, 0x22, 5000, 0, 8000, 1, 0), 1162), true);
        flush(server, 0);
        assertTrue(sent.isEmpty(), "the cookie SYN_ACK went out without state");
        assertFalse(timers.isArmed(Timer.HANDSHAKE_RETRY));
        Header first = new Header(0, 0x11, 0x22, 5001, ISN + 1, 8000, 7, 1);
        assertEquals(Handshake.Outcome.COMPLETE, server.onPacketWhileAccepting(new Packet.Ack(first, List.of())));
        assertTrue(receiver.acks().isImmediate(), "spec 8.3 rule 3: an ACK at once, so the client stops resending");
    }

    @Test
    void theServerChecksItsCookieAndResendsForARepeatedSyn() {
        Handshake server = side(false);
        Header syn = new Header(0, 0, 0x22, 5000, 0, 8000, 1, 0);
        server.answerCall(new Packet.Syn(syn, 1200), false);
        flush(server, 0);
        assertInstanceOf(Packet.SynAck.class, sent.getFirst());
        assertEquals(Handshake.Outcome.RESEND, server.onPacketWhileAccepting(new Packet.Syn(syn, 1200)));
        flush(server, 1);
        assertEquals(2, sent.size(), "the SYN_ACK again");
        Header forged = new Header(0, 0x11, 0x22, 5001, ISN + 99, 8000, 1, 1);
        assertEquals(Handshake.Outcome.VIOLATION, server.onPacketWhileAccepting(new Packet.Ack(forged, List.of())));
        Header rst = new Header(0, 0x11, 0x22, 5001, 0, 0, 0, 0);
        assertEquals(Handshake.Outcome.FAILED, server.onPacketWhileAccepting(new Packet.Rst(rst, ResetReason.ABORT)));
        assertEquals(ConnectionError.RESET, server.failure());
        Header ack = new Header(0, 0x11, 0x22, 5001, ISN + 1, 8000, 1, 1);
        assertEquals(Handshake.Outcome.COMPLETE, server.onPacketWhileAccepting(new Packet.Ack(ack, List.of())));
    }
}
