package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.rudp.ConnectionConfig;
import net.rudp.wire.DecodeResult;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.SeqRange;
import org.junit.jupiter.api.Test;

/** The receiving half on hand-built DATA and FIN packets: what it stores, acknowledges and NACKs. */
class ReceiverTest {
    private static final long MS = 1_000_000;
    private static final int MSS = 1000;
    private static final int PEER_ISN = 50_000;

    private final ConnectionConfig config = ConnectionConfig.DEFAULT;
    private final WireIds ids = new WireIds(1, 0);
    private final TimerTable timers = new TimerTable();
    private final RttEstimator rtt = new RttEstimator(1000 * MS, 200 * MS, 60_000 * MS);
    private final Receiver receiver = new Receiver(ids, config, TestMemory.ample(), timers, rtt, new PathMtu(config, timers));
    private final AckPolicy acks = receiver.acks();

    ReceiverTest() {
        ids.learnPeer(2, PEER_ISN);
        rtt.onSample(40 * MS, 0);
    }

    private static Header header(long offset, int flags, int timestamp) {
        return new Header(flags, 1, 2, PEER_ISN + (int) offset, 1, 1 << 20, timestamp, 0);
    }

    private boolean data(long offset, int timestamp, long now) {
        return receiver.onData(header(offset, 0, timestamp), ByteBuffer.allocate(MSS), MSS, now);
    }

    @Test
    void inOrderSegmentsAreAcknowledgedEverySecondOne() {
        assertTrue(data(1, 11, 0));
        assertFalse(acks.isImmediate(), "a lone segment waits for the delayed-ACK timer");
        assertTrue(data(1 + MSS, 22, 1 * MS));
        assertTrue(acks.isOwedFor(AckReason.SECOND_SEGMENT));
        assertEquals(11, acks.echoTimestamp());
        assertEquals(2 * MSS, receiver.stream().readable());
    }

    @Test
    void aGapIsReportedBySackAndAfterThreeSegmentsByNack() {
        data(1, 1, 0);
        assertFalse(data(1 + 2 * MSS, 2, 1 * MS), "beyond a gap: nothing new to read");
        assertTrue(acks.isOwedFor(AckReason.OUT_OF_ORDER));
        assertEquals(2, acks.echoTimestamp(), "the out-of-order segment's own TSval");
        data(1 + 3 * MSS, 3, 2 * MS);
        assertFalse(receiver.nacks().isDue(), "two segments beyond the gap");
        data(1 + 4 * MSS, 4, 3 * MS);
        assertTrue(receiver.nacks().isDue(), "three: the receiver-side duplicate threshold");

        List<Packet> sent = new ArrayList<>();
        PacketWriter writer = new PacketWriter(new InetSocketAddress("192.0.2.9", 9), ids, receiver.stream(),
            receiver.window(), acks, new ConnectionTrace(() -> { }), MSS);
        writer.begin(3 * MS, ByteBuffer.allocate(1500), (to, d) -> sent.add(((DecodeResult.Ok) PacketCodec.decode(d)).packet()));
        receiver.sendNackIfDue(writer, 1, 3 * MS);
        receiver.sendAck(writer, 1);
        SeqRange hole = new SeqRange(PEER_ISN + 1 + MSS, PEER_ISN + 1 + 2 * MSS);
        assertEquals(List.of(hole), ((Packet.Nack) sent.get(0)).missingRanges());
        assertEquals(List.of(new SeqRange(PEER_ISN + 1 + 2 * MSS, PEER_ISN + 1 + 5 * MSS)), ((Packet.Ack) sent.get(1)).sackRanges());
        assertFalse(acks.isImmediate(), "the ACK settled what was owed");

        assertTrue(data(1 + MSS, 5, 4 * MS), "the gap fills: everything held becomes readable");
        assertTrue(acks.isOwedFor(AckReason.GAP_FILLED));
        assertEquals(5 * MSS, receiver.stream().readable());
    }

    @Test
    void theFinIsConsumedOnceTheStreamReachesIt() {
        receiver.onFin(header(1 + MSS, 0, 9));
        assertTrue(acks.isOwedFor(AckReason.FIN_RECEIVED));
        assertFalse(receiver.consumeFin(), "data before it is missing");
        data(1, 1, 0);
        assertTrue(receiver.consumeFin());
        assertTrue(acks.isOwedFor(AckReason.END_OF_STREAM));
    }

    @Test
    void anAckNowFlagIsHonouredEvenWithoutPayload() {
        assertFalse(receiver.onData(header(1, Flags.ACK_NOW, 5), ByteBuffer.allocate(0), MSS, 0));
        assertTrue(acks.isOwedFor(AckReason.PEER_ASKED));
    }

    @Test
    void onlyAResetInsideTheWindowIsBelieved() {
        assertTrue(receiver.believesReset(header(1, 0, 0)));
        assertTrue(receiver.believesReset(header(1000, 0, 0)));
        assertFalse(receiver.believesReset(header(0, 0, 0)), "below RCV.NXT");
        assertFalse(receiver.believesReset(header(2 + config.receiveBufferSize(), 0, 0)), "beyond the window");
        assertTrue(receiver.extendsStream(header(1, 0, 0), 10));
        data(1, 1, 0);
        assertFalse(receiver.extendsStream(header(1, 0, 0), MSS), "a duplicate extends nothing");
    }
}
