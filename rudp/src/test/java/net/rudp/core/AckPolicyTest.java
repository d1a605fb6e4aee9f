package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the receiver acknowledges and what it echoes (spec 9.3, 9.6), without a connection. */
class AckPolicyTest {
    private static final long MS = 1_000_000;

    private final TimerTable timers = new TimerTable();
    private final AckPolicy acks = new AckPolicy(timers, 10 * MS);

    @Test
    void aLoneSegmentWaitsForTheDelayedAckTimer() {
        acks.onInOrderSegment(111, 100 * MS);
        assertFalse(acks.isImmediate());
        assertEquals(110 * MS, timers.deadline(Timer.DELAYED_ACK));
        assertFalse(acks.isDue(109 * MS));
        assertTrue(acks.isDue(110 * MS), "due when the timer's time comes");
        acks.onTimer(110 * MS);
        assertTrue(acks.isOwedFor(AckReason.DELAYED_ACK_TIMER));
        assertEquals(111, acks.echoTimestamp());
    }

    @Test
    void everySecondSegmentIsAcknowledgedAtOnceEchoingTheFirst() {
        acks.onInOrderSegment(111, 100 * MS);
        acks.onInOrderSegment(222, 101 * MS);
        assertTrue(acks.isOwedFor(AckReason.SECOND_SEGMENT));
        assertEquals(111, acks.echoTimestamp(), "a delayed ACK echoes the earliest segment it covers");
        acks.onAcknowledged();
        assertFalse(acks.isDue(Long.MAX_VALUE - 1));
        assertFalse(timers.isArmed(Timer.DELAYED_ACK), "sending settles the delayed ACK");
    }

    @Test
    void anImmediateReasonEchoesItsOwnPacket() {
        acks.onInOrderSegment(111, 100 * MS);
        acks.ackNow(AckReason.OUT_OF_ORDER, 333);
        assertEquals(333, acks.echoTimestamp());
        assertTrue(acks.isImmediate());
        acks.ackNow(AckReason.END_OF_STREAM);
        assertEquals(333, acks.echoTimestamp(), "a reason without a packet echoes what was echoed");
        assertTrue(acks.isOwedFor(AckReason.OUT_OF_ORDER) && acks.isOwedFor(AckReason.END_OF_STREAM));
        assertFalse(acks.isOwedFor(AckReason.PROBE));
        acks.onAcknowledged();
        assertFalse(acks.isImmediate());
        acks.onInOrderSegment(444, 200 * MS);
        assertEquals(444, acks.echoTimestamp(), "the first segment after an ACK sets the echo");
    }

    @Test
    void theDelayedAckTimerIsNotPushedBackByLaterSegments() {
        acks.onInOrderSegment(1, 100 * MS);
        acks.onAcknowledged();
        acks.onInOrderSegment(2, 105 * MS);
        assertEquals(115 * MS, timers.deadline(Timer.DELAYED_ACK));
    }
}
