package net.rudp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The windowed minimum RTT. */
class MinRttFilterTest {
    private static final long MS = 1_000_000;

    @Test
    void keepsTheSmallestUntilItIsOlderThanTheWindow() {
        MinRttFilter f = new MinRttFilter(1000 * MS);
        assertFalse(f.isExpired(0), "no estimate: nothing to expire");
        assertTrue(f.offer(50 * MS, 0));
        assertFalse(f.offer(60 * MS, 500 * MS), "larger, within the window");
        assertTrue(f.offer(50 * MS, 600 * MS), "no larger: refreshes the estimate's age");
        assertEquals(50 * MS, f.get());
        assertFalse(f.isExpired(1600 * MS));
        assertTrue(f.isExpired(1601 * MS));
        assertTrue(f.offer(80 * MS, 1601 * MS), "an expired estimate takes the next sample, however large");
        assertEquals(80 * MS, f.get());
        assertFalse(f.offer(0, 1602 * MS), "0 is no sample");
    }

    @Test
    void aRefreshRestartsTheWindowWithoutASample() {
        MinRttFilter f = new MinRttFilter(1000 * MS);
        f.offer(50 * MS, 0);
        f.refresh(900 * MS);
        assertFalse(f.isExpired(1800 * MS));
        assertFalse(f.offer(70 * MS, 1800 * MS));
        assertThrows(IllegalArgumentException.class, () -> new MinRttFilter(0));
    }
}
