package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.rudp.wire.Flags;
import org.junit.jupiter.api.Test;

/** When a NACK goes out (spec 9.5, 6.2). */
class NackPolicyTest {
    private static final long MS = 1_000_000;
    private static final int MSS = 1000;

    private final RttEstimator rtt = new RttEstimator(1000 * MS, 200 * MS, 60_000 * MS);
    private final NackPolicy nacks = new NackPolicy(rtt, 1000 * MS);

    @Test
    void threeSegmentsBeyondAGapEarnANackOncePerRtt() {
        rtt.onSample(50 * MS, 0);
        nacks.onOutOfOrder(2 * MSS, MSS, 100 * MS);
        assertFalse(nacks.isDue(), "two segments beyond the gap: not yet");
        nacks.onOutOfOrder(3 * MSS, MSS, 100 * MS);
        assertTrue(nacks.isDue());
        assertEquals(0, nacks.onSending(100 * MS));
        assertFalse(nacks.isDue());
        nacks.onOutOfOrder(4 * MSS, MSS, 149 * MS);
        assertFalse(nacks.isDue(), "within one SRTT of the last");
        nacks.onOutOfOrder(5 * MSS, MSS, 150 * MS);
        assertTrue(nacks.isDue());
    }

    @Test
    void aCorruptDatagramSetsCorruptSeenOnlyWhereANackCanBeAddressed() {
        nacks.onCorruptDatagram(false, 0);
        assertFalse(nacks.isDue(), "not synchronized: no peer id to address");
        nacks.onCorruptDatagram(true, 0);
        assertTrue(nacks.isDue());
        assertEquals(Flags.CORRUPT_SEEN, nacks.onSending(0));
        assertEquals(0, nacks.onSending(1), "once");
        assertEquals(2, nacks.corruptReceived(), "both counted");
        nacks.onCorruptDatagram(true, 500 * MS);
        assertFalse(nacks.isDue(), "before a sample the interval is the initial RTO, 1 s");
    }
}
