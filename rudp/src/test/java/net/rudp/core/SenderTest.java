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
import net.rudp.congestion.AckSample;
import net.rudp.congestion.CongestionController;
import net.rudp.congestion.CongestionControllers;
import net.rudp.congestion.LossSample;
import net.rudp.wire.DecodeResult;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.SeqRange;
import org.junit.jupiter.api.Test;

/** The sending half on hand-built acknowledgements: no peer, no simulator. */
class SenderTest {
    private static final long MS = 1_000_000;
    private static final int MSS = 1000;
    private static final int ISN = 7000;

    private final ConnectionConfig config = ConnectionConfig.builder().maxDatagramSize(MSS + PacketCodec.DATA_OVERHEAD)
        .congestionControl(CongestionControl.NEW_RENO).pacing(false).maxRetransmissions(2).build();
    private final WireIds ids = new WireIds(1, ISN);
    private final TimerTable timers = new TimerTable();
    private final RttEstimator rtt = new RttEstimator(1000 * MS, 200 * MS, 60_000 * MS);
    private final Receiver receiver = new Receiver(ids, config, TestMemory.ample(), timers, rtt, new PathMtu(config, timers));
    private final SendBuffer buffer = new SendBuffer(1 << 20);
    private final List<Packet> sent = new ArrayList<>();
    private final PacketWriter writer = new PacketWriter(new InetSocketAddress("192.0.2.9", 9), ids, receiver.stream(),
        receiver.window(), receiver.acks(), new ConnectionTrace(() -> { }), MSS);
    private final Sender sender = new Sender(config, ids.ours(), buffer, CongestionControllers.create(CongestionControl.NEW_RENO, MSS, 1), rtt,
        timers, writer, new ConnectionTrace(() -> { }), receiver.acks(), new PathMtu(config, timers));

    SenderTest() {
        ids.learnPeer(2, 0);
        buffer.peerWindow(1 << 20);
    }

    private void flushAt(long now) {
        writer.begin(now, ByteBuffer.allocate(2000), (to, d) -> {
            DecodeResult r = PacketCodec.decode(d);
            sent.add(assertInstanceOf(DecodeResult.Ok.class, r, r::toString).packet());
        });
        sender.send(now);
    }

    /** An ACK from the peer for offset {@code ack} with {@code sacks} (offsets), echoing a send at {@code echoAt}. */
    private Sender.AckResult ack(long ack, long echoAt, long now, long... sacks) {
        List<SeqRange> ranges = new ArrayList<>();
        for (int i = 0; i < sacks.length; i += 2) ranges.add(ids.ours().wire(sacks[i], sacks[i + 1]));
        Header h = new Header(0, 1, 2, 1, ids.ours().wire(ack), 1 << 20, WireTime.micros(now), WireTime.micros(echoAt));
        return sender.onAck(h, ranges, now);
    }

    private long offsetOf(Packet p) {
        return ids.ours().offset(p.header().seq(), buffer.sndUna());
    }

    @Test
    void theInitialWindowGoesOutAndAnAckFreesRoomForMore() {
        buffer.write(ByteBuffer.allocate(20 * MSS), 20 * MSS);
        flushAt(10 * MS);
        long window = sender.controller().congestionWindow();
        assertEquals(window / MSS, sent.size(), "one initial window of full segments");
        assertEquals(window, sender.bytesInFlight());
        assertTrue(timers.isArmed(Timer.RTO));
        assertEquals(Sender.AckResult.ADVANCED, ack(1 + 2 * MSS, 10 * MS, 50 * MS));
        assertEquals(40 * MS, rtt.smoothedRtt(), "the echo gave an RTT sample");
        assertEquals(window - 2 * MSS, sender.bytesInFlight());
        sent.clear();
        flushAt(50 * MS);
        assertTrue(sent.size() >= 2, "the ACK opened the window again: " + sent.size());
    }

    @Test
    void threeSackedSegmentsAboveAHoleGetItResentBeforeNewData() {
        buffer.write(ByteBuffer.allocate(20 * MSS), 20 * MSS);
        flushAt(0);
        // Segment 0 is missing; 1 to 7 arrived.
        assertEquals(Sender.AckResult.ACCEPTED, ack(1, 0, 40 * MS, 1 + MSS, 1 + 8 * MSS));
        assertEquals(1, sender.segmentsLost(), "DupThresh declared the hole lost");
        assertEquals(2 * MSS, sender.bytesInFlight(), "neither the SACKed nor the lost segment is in flight");
        sent.clear();
        flushAt(40 * MS);
        assertEquals(1, offsetOf(sent.getFirst()), "the repair goes first");
        assertTrue(sent.stream().skip(1).allMatch(p -> offsetOf(p) >= 1 + 10 * MSS), "then new data: " + sent);
    }

    /**
     * Segment 0 is declared lost, then its original arrives before the repair went out: the ACK
     * that says so hands the controller those bytes as spurious (RFC 8985 6.2), and the path is
     * marked as reordering.
     */
    @Test
    void aLostSegmentAcknowledgedBeforeItsRepairIsReportedAsSpuriousLoss() {
        List<AckSample> samples = new ArrayList<>();
        CongestionController reno = CongestionControllers.create(CongestionControl.NEW_RENO, MSS, 1);
        Sender recorded = new Sender(config, ids.ours(), buffer, new RecordingController(reno, samples), rtt,
            timers, writer, new ConnectionTrace(() -> { }), receiver.acks(), new PathMtu(config, timers));
        buffer.write(ByteBuffer.allocate(10 * MSS), 10 * MSS);
        writer.begin(0, ByteBuffer.allocate(2000), (to, d) -> { });
        recorded.send(0);
        Header sack = new Header(0, 1, 2, 1, ids.ours().wire(1), 1 << 20, WireTime.micros(40 * MS), WireTime.micros(0));
        recorded.onAck(sack, List.of(ids.ours().wire(1 + MSS, 1 + 8 * MSS)), 40 * MS);
        assertEquals(1, recorded.segmentsLost(), "DupThresh declared the hole lost");
        assertEquals(0, samples.getLast().spuriousLostBytes());
        Header late = new Header(0, 1, 2, 1, ids.ours().wire(1 + 8 * MSS), 1 << 20, WireTime.micros(41 * MS), WireTime.micros(0));
        recorded.onAck(late, List.of(), 41 * MS);
        assertEquals(MSS, samples.getLast().spuriousLostBytes(), "the lost segment arrived after all: " + samples.getLast());
    }

    /** Passes everything to {@code delegate}, keeping the ACK samples. */
    private record RecordingController(CongestionController delegate, List<AckSample> samples) implements CongestionController {
        @Override public String name() { return delegate.name(); }
        @Override public long congestionWindow() { return delegate.congestionWindow(); }
        @Override public long slowStartThreshold() { return delegate.slowStartThreshold(); }
        @Override public long pacingRate() { return delegate.pacingRate(); }
        @Override public void onPacketSent(long now, int bytes, long inFlight) { delegate.onPacketSent(now, bytes, inFlight); }
        @Override public void onAck(AckSample ack) {
            samples.add(ack);
            delegate.onAck(ack);
        }
        @Override public void onCongestionEvent(LossSample loss) { delegate.onCongestionEvent(loss); }
        @Override public void onRetransmissionTimeout(long now, long inFlight) { delegate.onRetransmissionTimeout(now, inFlight); }
        @Override public void onSpuriousLoss(long now) { delegate.onSpuriousLoss(now); }
        @Override public void onSegmentSizeChanged(int mss) { delegate.onSegmentSizeChanged(mss); }
    }

    @Test
    void anAckForDataNotYetSentIsAnsweredAndIgnored() {
        buffer.write(ByteBuffer.allocate(MSS), MSS);
        flushAt(0);
        assertEquals(Sender.AckResult.IGNORED, ack(1 + 5 * MSS, 0, 10 * MS));
        assertTrue(receiver.acks().isOwedFor(AckReason.ACK_OF_UNSENT_DATA));
        assertEquals(MSS, sender.bytesInFlight());
    }

    @Test
    void timeoutsResendFromTheOldestAndGiveUpAfterTheRetries() {
        buffer.write(ByteBuffer.allocate(3 * MSS), 3 * MSS);
        flushAt(0);
        long rto = timers.deadline(Timer.RTO);
        assertEquals(1000 * MS, rto, "before an RTT sample, the initial RTO");
        assertTrue(sender.onTimers(rto));
        assertEquals(1, sender.timeouts());
        assertEquals(3000 * MS, timers.deadline(Timer.RTO), "backed off: 2 s later");
        sent.clear();
        flushAt(rto);
        assertEquals(1, sent.size(), "the collapsed window lets one segment go");
        assertEquals(1, offsetOf(sent.getFirst()), "the oldest");
        assertTrue(sender.onTimers(3000 * MS));
        assertFalse(sender.onTimers(7000 * MS), "the third expiry without progress exceeds maxRetransmissions = 2");
    }

    @Test
    void aClosedWindowWithNothingInFlightIsProbedByThePersistTimer() {
        SendBuffer closed = new SendBuffer(1 << 16);
        Sender s = new Sender(config, ids.ours(), closed, CongestionControllers.create(CongestionControl.NEW_RENO, MSS, 1), rtt, timers, writer,
            new ConnectionTrace(() -> { }), receiver.acks(), new PathMtu(config, timers));
        closed.write(ByteBuffer.allocate(MSS), MSS);
        writer.begin(0, ByteBuffer.allocate(2000), (to, d) -> sent.add(((DecodeResult.Ok) PacketCodec.decode(d)).packet()));
        assertFalse(s.send(0), "the peer's window is zero");
        s.updatePersistTimer(0);
        assertEquals(1000 * MS, timers.deadline(Timer.PERSIST));
        assertTrue(s.onTimers(1000 * MS));
        s.sendProbeIfDue(1000 * MS);
        assertInstanceOf(Packet.Probe.class, sent.getLast());
        assertEquals(1000 * MS + 2000 * MS, timers.deadline(Timer.PERSIST), "the persist timer doubles");
    }

    @Test
    void aQuietConnectionGivesItsSendStorageBackAndTakesItAgainForTheNextWrite() {
        assertFalse(sender.holdsStorage(), "nothing written: no ring, no scoreboard");
        buffer.write(ByteBuffer.wrap(new byte[2 * MSS]), 2 * MSS);
        flushAt(10 * MS);
        assertTrue(sender.holdsStorage());
        ack(1 + 2 * MSS, 10 * MS, 50 * MS);
        assertTrue(sender.holdsStorage(), "everything acknowledged, but an answer may follow at once");
        long quiet = 10 * MS + Sender.IDLE_RELEASE_NANOS;
        ack(1 + 2 * MSS, 10 * MS, quiet); // a keepalive's ACK, a second after the last data
        assertFalse(sender.holdsStorage(), "a second after the last data, with everything acknowledged");

        byte[] next = new byte[MSS];
        for (int i = 0; i < next.length; i++) next[i] = (byte) (i * 7);
        buffer.write(ByteBuffer.wrap(next), MSS);
        sent.clear();
        flushAt(quiet + MS);
        Packet.Data d = assertInstanceOf(Packet.Data.class, sent.getFirst());
        assertEquals(1 + 2 * MSS, offsetOf(d));
        assertEquals(ByteBuffer.wrap(next), d.payload(), "the next write's bytes go out intact from a new ring");
        ack(1 + 2 * MSS, quiet + MS, quiet + MS + 2 * Sender.IDLE_RELEASE_NANOS);
        assertTrue(sender.holdsStorage(), "unacknowledged data stays, however long");
    }
}
