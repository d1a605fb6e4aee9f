package net.rudp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NewRenoTest {

    private static final int MSS = 1200;
    private static final long RTT = 50_000_000;

    private final NewReno reno = new NewReno(MSS);
    private final AckStream acks = new AckStream(reno, MSS, RTT);

    @Test
    void initialWindowIsTenSegmentsCappedAt14720Bytes() {
        assertEquals(12_000, new NewReno(1200).congestionWindow());
        assertEquals(14_600, new NewReno(1460).congestionWindow());
        assertEquals(14_720, new NewReno(1500).congestionWindow(), "RFC 6928 cap");
        assertEquals(18_000, new NewReno(9000).congestionWindow(), "at least two segments");
        assertEquals(Long.MAX_VALUE, reno.slowStartThreshold());
        assertThrows(IllegalArgumentException.class, () -> new NewReno(0));
    }

    @Test
    void slowStartDoublesTheWindowEveryRoundTrip() {
        assertEquals(24_000, acks.roundTrip());
        assertEquals(48_000, acks.roundTrip());
        assertEquals(96_000, acks.roundTrip());
    }

    @Test
    void aLossHalvesTheWindow() {
        acks.roundTripsUntil(96_000, 10);
        acks.loss(RTT);
        assertEquals(48_000, reno.congestionWindow());
        assertEquals(48_000, reno.slowStartThreshold());
    }

    @Test
    void onlyOneReductionPerRecoveryPeriod() {
        acks.roundTripsUntil(96_000, 10);
        acks.loss(RTT);
        long recoveryStart = acks.now();
        acks.idle(RTT / 4);
        acks.loss(RTT / 2); // sent before recovery began: same congestion event
        assertEquals(48_000, reno.congestionWindow());

        // ACKs of packets sent before recovery began grow nothing.
        acks.ack(acks.now(), MSS, 40_000);
        assertEquals(48_000, reno.congestionWindow());

        // A loss of a packet sent after recovery began is a new congestion event.
        acks.idle(RTT);
        acks.loss(acks.now() - recoveryStart - 1);
        assertEquals(24_000, reno.congestionWindow());
    }

    @Test
    void recoveryLastsUntilAPacketSentDuringItIsAcknowledged() {
        acks.roundTripsUntil(96_000, 10);
        acks.loss(RTT);
        // The next round ACKs packets sent before the loss was detected: still recovery.
        assertEquals(48_000, acks.roundTrip());
        // Its last ACK was for a packet sent after: congestion avoidance from here on.
        assertEquals(48_000 + MSS, acks.roundTrip());
    }

    @Test
    void congestionAvoidanceGrowsOneSegmentPerRoundTrip() {
        acks.roundTripsUntil(96_000, 10);
        acks.loss(RTT);
        acks.roundTrip(); // recovery
        long start = reno.congestionWindow();
        for (int round = 1; round <= 20; round++) {
            assertEquals(start + round * MSS, acks.roundTrip(), "after round " + round);
        }
    }

    @Test
    void theWindowNeverFallsBelowTwoSegmentsOnLoss() {
        for (int i = 0; i < 10; i++) {
            acks.idle(RTT);
            acks.loss(0);
        }
        assertEquals(2 * MSS, reno.congestionWindow());
        assertEquals(2 * MSS, reno.slowStartThreshold());
    }

    @Test
    void aTimeoutCollapsesTheWindowToOneSegmentThenSlowStartsToHalfTheFlight() {
        acks.roundTripsUntil(96_000, 10);
        reno.onRetransmissionTimeout(acks.now(), 90_000);
        assertEquals(MSS, reno.congestionWindow());
        assertEquals(45_000, reno.slowStartThreshold());

        // RFC 5681: a second expiry without progress holds ssthresh.
        reno.onRetransmissionTimeout(acks.now() + RTT, MSS);
        assertEquals(45_000, reno.slowStartThreshold());
        assertEquals(MSS, reno.congestionWindow());

        acks.idle(2 * RTT);
        assertEquals(2 * MSS, acks.roundTrip());
        assertEquals(4 * MSS, acks.roundTrip());
    }

    @Test
    void losingAPacketSentBeforeTheTimeoutDoesNotReduceAgain() {
        acks.roundTripsUntil(96_000, 10);
        reno.onRetransmissionTimeout(acks.now(), 90_000);
        acks.idle(RTT / 2);
        acks.loss(RTT);
        assertEquals(MSS, reno.congestionWindow());
        assertEquals(45_000, reno.slowStartThreshold());
    }

    @Test
    void aSpuriousLossIsUndone() {
        acks.roundTripsUntil(96_000, 10);
        acks.loss(RTT);
        reno.onSpuriousLoss(acks.now() + RTT / 2);
        assertEquals(96_000, reno.congestionWindow());
        assertEquals(Long.MAX_VALUE, reno.slowStartThreshold());

        reno.onSpuriousLoss(acks.now() + RTT); // nothing left to undo
        assertEquals(96_000, reno.congestionWindow());
    }

    @Test
    void aSpuriousTimeoutIsUndoneToBeforeTheWholeEpisode() {
        acks.roundTripsUntil(96_000, 10);
        acks.loss(RTT);
        reno.onRetransmissionTimeout(acks.now() + RTT, 48_000); // still in recovery: same episode
        reno.onSpuriousLoss(acks.now() + 2 * RTT);
        assertEquals(96_000, reno.congestionWindow());
        assertEquals(Long.MAX_VALUE, reno.slowStartThreshold());
    }

    @Test
    void undoNeverLowersAWindowThatGrewMeanwhile() {
        acks.roundTripsUntil(24_000, 10);
        acks.loss(RTT); // 12000
        long grown = acks.roundTripsUntil(30_000, 100); // congestion avoidance
        reno.onSpuriousLoss(acks.now());
        assertEquals(grown, reno.congestionWindow());
        assertEquals(Long.MAX_VALUE, reno.slowStartThreshold(), "restored: back in the first slow start");
    }

    @Test
    void applicationLimitedAcksDoNotGrowTheWindow() {
        reno.onAck(new AckSample(RTT, 6000, RTT, RTT, 0, 0, true, 0, 6000, 0, 0));
        assertEquals(12_000, reno.congestionWindow());
    }
}
