package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.rudp.wire.DecodeResult;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.ResetReason;
import net.rudp.wire.SeqRange;
import org.junit.jupiter.api.Test;

/** The datagrams the writer builds from hand-set connection state, decoded again. */
class PacketWriterTest {
    private static final long MS = 1_000_000;
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.9", 9);

    private final WireIds ids = new WireIds(0x1111, 5000);
    private final Reassembly stream = new Reassembly(TestMemory.ample());
    private final ReceiveWindow window = new ReceiveWindow(stream, TestMemory.ample(), 4096, 1000);
    private final TimerTable timers = new TimerTable();
    private final AckPolicy acks = new AckPolicy(timers, 10 * MS);
    private final List<Packet> sent = new ArrayList<>();
    private final PacketWriter writer = new PacketWriter(PEER, ids, stream, window, acks, new ConnectionTrace(() -> { }), 1000);

    PacketWriterTest() {
        ids.learnPeer(0x2222, 90_000);
        writer.begin(7 * MS, ByteBuffer.allocate(1200), (to, d) -> {
            assertEquals(PEER, to);
            DecodeResult r = PacketCodec.decode(d);
            sent.add(assertInstanceOf(DecodeResult.Ok.class, r, r::toString).packet());
        });
    }

    @Test
    void everyHeaderCarriesTheReceiveSidesAckWindowAndEcho() {
        stream.accept(1, ByteBuffer.allocate(100), window.right());
        acks.echo(4242);
        writer.ack(3, List.of(new SeqRange(90_201, 90_301)));
        Header h = sent.getFirst().header();
        assertEquals(new Header(0, 0x2222, 0x1111, 5003, 90_101, 3996, 7000, 4242), h);
        assertEquals(List.of(new SeqRange(90_201, 90_301)), ((Packet.Ack) sent.getFirst()).sackRanges());
    }

    @Test
    void dataWrappingAroundTheSendRingIsSentWhole() {
        ByteRing ring = new ByteRing(1 << 20);
        ring.ensureSpan(0, 0, 1);
        int capacity = ring.backing().capacity();
        byte[] payload = new byte[600];
        for (int i = 0; i < payload.length; i++) payload[i] = (byte) i;
        long start = capacity - 100; // 100 bytes before the ring's end, 500 after its start
        ring.write(start, ByteBuffer.wrap(payload), payload.length);
        writer.data(Flags.ACK_NOW, start, payload.length, true, ring);
        Packet.Data d = (Packet.Data) sent.getFirst();
        byte[] got = new byte[d.payload().remaining()];
        d.payload().get(got);
        assertArrayEquals(payload, got);
        assertEquals(Flags.ACK_NOW, d.header().flags());
        assertEquals((int) (5000 + start), d.header().seq());
        assertEquals(600, writer.bytesSent());
        assertEquals(600, writer.bytesRetransmitted(), "sent again");
    }

    @Test
    void theHandshakeNamesOurIsnAndTheServerAcknowledgesTheClients() {
        acks.echo(77);
        writer.synAck(false);
        Packet.SynAck sa = (Packet.SynAck) sent.getFirst();
        assertEquals(new Header(0, 0x2222, 0x1111, 5000, 90_001, 4096, 7000, 77), sa.header());
        assertEquals(1000, sa.maxPayload());
        writer.syn(true);
        assertEquals(new Header(0, 0, 0x1111, 5000, 0, 4096, 7000, 0), sent.get(1).header(), "a SYN has no ids or echo yet");
    }

    @Test
    void aResetCarriesNoWindowAndNoEcho() {
        acks.echo(77);
        writer.reset(10, ResetReason.ABORT);
        writer.probe(10);
        writer.fin(0, 10, false);
        writer.nack(Flags.CORRUPT_SEEN, 11, List.of());
        assertEquals(new Header(0, 0x2222, 0x1111, 5010, 90_001, 0, 7000, 0), sent.getFirst().header());
        assertEquals(ResetReason.ABORT, ((Packet.Rst) sent.getFirst()).reason());
        assertInstanceOf(Packet.Probe.class, sent.get(1));
        assertInstanceOf(Packet.Fin.class, sent.get(2));
        assertEquals(Flags.CORRUPT_SEEN, sent.get(3).header().flags());
        assertEquals(4, writer.packetsSent());
        assertEquals(0, writer.bytesSent(), "no DATA payload");
    }
}
