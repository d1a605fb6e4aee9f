package net.rudp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HyStartPlusPlusTest {

    private static final long MS = 1_000_000;
    private static final int SEGMENT = 1000;

    private final HyStartPlusPlus hyStart = new HyStartPlusPlus();
    private long delivered;

    /** One round of {@code acks} ACKs whose RTT samples are all {@code rttMs}; returns the total growth. */
    private long round(int acks, long rttMs) {
        long roundStart = delivered;
        long growth = 0;
        for (int i = 0; i < acks; i++) {
            delivered += SEGMENT;
            growth += hyStart.onAck(new AckSample(0, SEGMENT, rttMs * MS, rttMs * MS, 0, 0, false, 0,
                delivered, i == 0 ? roundStart : Math.max(0, roundStart - SEGMENT), 0));
        }
        return growth;
    }

    @Test
    void aSteadyRttKeepsSlowStart() {
        for (int i = 0; i < 10; i++) assertEquals(20 * SEGMENT, round(20, 40));
        assertFalse(hyStart.finished());
    }

    @Test
    void aRisingRttSlowsGrowthToAQuarterThenEndsSlowStartAfterFiveRounds() {
        round(20, 40);
        // The threshold is max(4 ms, min(40 ms / 8, 16 ms)) = 5 ms.
        assertEquals(20 * SEGMENT, round(20, 44), "4 ms more is below the threshold");
        round(20, 40);
        long growth = round(20, 45);
        assertTrue(growth < 20 * SEGMENT && growth > 20 * SEGMENT / 4, "CSS from the 8th sample on: " + growth);
        for (int i = 0; i < HyStartPlusPlus.CSS_ROUNDS - 1; i++) {
            assertEquals(20 * SEGMENT / 4, round(20, 45));
            assertFalse(hyStart.finished());
        }
        round(1, 45);
        assertTrue(hyStart.finished());
    }

    @Test
    void anRttBackBelowTheBaselineResumesSlowStart() {
        round(20, 40);
        round(20, 50);
        assertEquals(20 * SEGMENT / 4, round(20, 50), "CSS");
        long growth = round(20, 41);
        assertTrue(growth > 20 * SEGMENT / 2, "slow start again after 8 samples: " + growth);
        assertEquals(20 * SEGMENT, round(20, 41));
        assertFalse(hyStart.finished());
    }
}
