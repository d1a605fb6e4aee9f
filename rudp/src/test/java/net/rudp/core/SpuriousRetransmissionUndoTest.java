package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The loss episode's undo decision (spec 9.11) and the Eifel test, on hand-built sequences. */
class SpuriousRetransmissionUndoTest {
    private static final long MS = 1_000_000;

    @Test
    void undoesOnlyWhenEveryRepairOfTheEpisodeProvedSpurious() {
        SpuriousRetransmissionUndo undo = new SpuriousRetransmissionUndo();
        assertTrue(undo.begin(1000));
        assertFalse(undo.begin(2000), "one episode at a time");
        undo.onRepairSent();
        undo.onRepairSent();
        assertFalse(undo.onProvenSpurious(), "one of two repairs proven: not yet");
        assertTrue(undo.onProvenSpurious(), "both proven: undo now");
        assertFalse(undo.isActive(), "the undo ends the episode");
        assertEquals(2, undo.spuriousRetransmissions());
        assertFalse(undo.onProvenSpurious(), "nothing left to undo");
        assertEquals(3, undo.spuriousRetransmissions(), "still counted");
    }

    @Test
    void theReductionStandsOnceTheAckPassesTheRecoveryPointWithARealLoss() {
        SpuriousRetransmissionUndo undo = new SpuriousRetransmissionUndo();
        undo.begin(1000);
        undo.onRepairSent();
        undo.onRepairSent();
        undo.onProvenSpurious();
        undo.onCumulativeAck(999);
        assertTrue(undo.isActive(), "short of the recovery point");
        undo.onCumulativeAck(1000);
        assertFalse(undo.isActive(), "one repair was real: no undo");
        assertTrue(undo.begin(5000), "a new episode may begin");
    }

    @Test
    void anEpisodeWithAllRepairsProvenSurvivesTheCumulativeAck() {
        SpuriousRetransmissionUndo undo = new SpuriousRetransmissionUndo();
        undo.begin(1000);
        undo.onCumulativeAck(5000);
        assertTrue(undo.isActive(), "no repair yet: nothing proven real either");
    }

    @Test
    void theEifelTestComparesTheEchoWithTheRetransmissionsTimestamp() {
        long retransmittedAt = 500 * MS;
        int before = WireTime.micros(499 * MS);
        assertTrue(SpuriousRetransmissionUndo.echoPredates(before, retransmittedAt), "the echo is of an earlier send");
        assertFalse(SpuriousRetransmissionUndo.echoPredates(WireTime.micros(retransmittedAt), retransmittedAt));
        assertFalse(SpuriousRetransmissionUndo.echoPredates(0, retransmittedAt), "0: nothing echoed");
        // Serial arithmetic across the 32-bit wrap of the microsecond clock.
        long nearWrap = (1L << 32) * 1_000 + 10 * MS;
        assertTrue(SpuriousRetransmissionUndo.echoPredates(WireTime.micros(nearWrap - 20 * MS), nearWrap));
    }
}
