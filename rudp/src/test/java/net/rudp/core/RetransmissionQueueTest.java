package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

/** The scoreboard on hand-built histories, and against a naive model of segment states. */
class RetransmissionQueueTest {
    private static final int MSS = 100;

    /** Segments 0..n-1 of MSS bytes each, sent at times 0..n-1, starting at offset 1. */
    private static RetransmissionQueue sent(int n) {
        RetransmissionQueue q = new RetransmissionQueue();
        for (int i = 0; i < n; i++) q.add(1 + (long) i * MSS, MSS, 0, i, 0, 0, 0);
        return q;
    }

    @Test
    void aScoreboardWithHolesKeepsItsTotals() {
        RetransmissionQueue q = sent(10);
        assertEquals(10 * MSS, q.bytesInFlight());
        // Segments 3, 4 and 7 are SACKed; 1 and 2 are lost.
        q.markSacked(3);
        q.markSacked(4);
        q.markSacked(7);
        q.markLost(1);
        q.markLost(2);
        assertEquals(5 * MSS, q.bytesInFlight(), "SACKed and lost segments are not in flight");
        assertEquals(3, q.sackedSegments());
        assertEquals(2, q.lostSegments());
        assertEquals(1, q.firstLost());
        assertEquals(9, q.lastInFlight());
        assertTrue(q.isConsistent());

        assertTrue(q.retransmitted(1, 20, 0, 0, 0), "retransmitting a lost segment repairs it");
        assertEquals(2, q.firstLost(), "the cursor moves past the repaired segment");
        assertEquals(6 * MSS, q.bytesInFlight(), "the repair is in flight again");
        assertEquals(1, q.retransmittedSegments());

        q.markSacked(2);
        assertEquals(-1, q.firstLost(), "a SACKed lost segment is no longer lost");
        assertEquals(6 * MSS, q.bytesInFlight(), "it was not in flight, so the flight does not change");

        q.removeHead();
        q.removeHead();
        assertEquals(2, q.head());
        assertEquals(4 * MSS, q.bytesInFlight(), "segments 0 and 1 were delivered");
        assertEquals(0, q.retransmittedSegments());
        assertTrue(q.isConsistent());
    }

    @Test
    void aTailLossProbeKeepsTheSegmentInFlightAndMarksIt() {
        RetransmissionQueue q = sent(3);
        assertFalse(q.retransmitted(2, 10, 0, 0, 0), "a probe of a segment in flight repairs nothing");
        assertTrue(q.has(2, RetransmissionQueue.PROBE));
        assertTrue(q.has(2, RetransmissionQueue.RETRANSMITTED));
        assertEquals(3 * MSS, q.bytesInFlight());
        assertEquals(10, q.sentTime(2));
        q.markLost(2);
        assertTrue(q.retransmitted(2, 20, 0, 0, 0));
        assertFalse(q.has(2, RetransmissionQueue.PROBE), "the repair is no probe");
        assertEquals(1, q.retransmittedSegments(), "a segment counts once however often it is resent");
    }

    @Test
    void skipSackedJumpsOverARunOfSackedSegments() {
        RetransmissionQueue q = sent(10);
        for (int seg = 2; seg <= 6; seg++) q.markSacked(seg);
        q.markSacked(8);
        assertEquals(1, q.skipSacked(1), "an unsacked segment is its own answer");
        assertEquals(7, q.skipSacked(2));
        assertEquals(7, q.skipSacked(5));
        assertEquals(9, q.skipSacked(8));
        q.markSacked(9);
        assertEquals(10, q.skipSacked(8), "a run up to the tail skips to the tail");
        assertEquals(4, q.find(1 + 4 * MSS + 50));
        assertEquals(-1, q.find(1 + 10 * MSS));
    }

    @Test
    void growingTheRingKeepsEverySegment() {
        RetransmissionQueue q = sent(50);
        for (int i = 0; i < 30; i++) q.removeHead();
        for (int i = 50; i < 300; i++) q.add(1 + (long) i * MSS, MSS, i % 7 == 0 ? RetransmissionQueue.APP_LIMITED : 0, i, i, i, i);
        assertEquals(270, q.size());
        for (long seg = q.head(); seg < q.tail(); seg++) {
            assertEquals(1 + seg * MSS, q.start(seg));
            assertEquals(seg, q.sentTime(seg));
            assertEquals(seg >= 50 && seg % 7 == 0, q.has(seg, RetransmissionQueue.APP_LIMITED));
        }
    }

    /** A random history of sends, SACKs, losses, repairs and cumulative ACKs. */
    record History(List<int[]> ops) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int[] op : ops) sb.append(" ").append("ASLRH".charAt(op[0])).append(op[1]);
            return sb.toString();
        }
    }

    @Test
    void totalsAndSearchesMatchANaiveRecount() {
        Property.of("scoreboard == naive recount", r -> {
            List<int[]> ops = new ArrayList<>();
            for (int i = r.nextInt(1, 200); i > 0; i--) ops.add(new int[] {r.nextInt(5), r.nextInt(1 << 20)});
            return new History(ops);
        }).tries(300).check(h -> {
            RetransmissionQueue q = new RetransmissionQueue();
            long next = 1;
            for (int[] op : h.ops()) {
                long n = q.size();
                long seg = n == 0 ? -1 : q.head() + op[1] % n;
                switch (op[0]) {
                    case 0 -> {
                        q.add(next, 1 + op[1] % MSS, 0, next, 0, 0, 0);
                        next += 1 + op[1] % MSS;
                    }
                    case 1 -> { if (seg >= 0 && !q.has(seg, RetransmissionQueue.SACKED)) q.markSacked(seg); }
                    case 2 -> { if (seg >= 0 && !q.has(seg, RetransmissionQueue.SACKED | RetransmissionQueue.LOST)) q.markLost(seg); }
                    case 3 -> { if (seg >= 0 && !q.has(seg, RetransmissionQueue.SACKED)) q.retransmitted(seg, next, 0, 0, 0); }
                    default -> { if (n > 0) q.removeHead(); }
                }
                assertTrue(q.isConsistent(), q::toString);
                assertEquals(naiveFirst(q, RetransmissionQueue.LOST), q.firstLost());
                assertEquals(naiveLastInFlight(q), q.lastInFlight());
                if (seg >= q.head()) assertEquals(naiveSkipSacked(q, seg), q.skipSacked(seg));
            }
        });
    }

    private static long naiveFirst(RetransmissionQueue q, int flag) {
        for (long seg = q.head(); seg < q.tail(); seg++) if (q.has(seg, flag)) return seg;
        return -1;
    }

    private static long naiveLastInFlight(RetransmissionQueue q) {
        for (long seg = q.tail() - 1; seg >= q.head(); seg--) {
            if (!q.has(seg, RetransmissionQueue.SACKED | RetransmissionQueue.LOST)) return seg;
        }
        return -1;
    }

    private static long naiveSkipSacked(RetransmissionQueue q, long seg) {
        while (seg < q.tail() && q.has(seg, RetransmissionQueue.SACKED)) seg++;
        return seg;
    }

    @Test
    void anEmptiedQueueGivesItsRingsBackAndTakesNewOnesForTheNextSegment() {
        RetransmissionQueue q = new RetransmissionQueue();
        assertFalse(q.isAllocated(), "a queue that never held a segment holds no rings");
        for (int i = 0; i < 100; i++) q.add(1 + (long) i * MSS, MSS, 0, i, 0, 0, 0); // grows past the first ring
        assertThrows(IllegalStateException.class, q::release, "segments in flight are never given back");
        while (!q.isEmpty()) q.removeHead();
        q.release();
        assertFalse(q.isAllocated());
        long seg = q.add(1 + 100L * MSS, MSS, RetransmissionQueue.FIN, 500, 7, 8, 9);
        assertTrue(q.isAllocated());
        assertEquals(100, seg, "segment numbers go on where they were");
        assertEquals(1 + 100L * MSS, q.start(seg));
        assertEquals(MSS, q.length(seg));
        assertEquals(500, q.sentTime(seg));
        assertTrue(q.has(seg, RetransmissionQueue.FIN));
        assertEquals(MSS, q.bytesInFlight());
    }
}
