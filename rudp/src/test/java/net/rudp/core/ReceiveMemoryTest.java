package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.rudp.ConnectionConfig;
import org.junit.jupiter.api.Test;

/** The endpoint's receive memory budget and its rules (spec 10.5). */
class ReceiveMemoryTest {

    @Test
    void outOfOrderDataStopsAtThreeQuartersAndInOrderDataAtTheWholeBudget() {
        ReceiveMemory m = new ReceiveMemory(800, 100);
        for (int i = 0; i < 6; i++) {
            assertTrue(m.admits(1, false), "chunk " + i + " within 3/4 of the budget");
            m.take();
        }
        assertFalse(m.admits(1, false), "a 7th out-of-order chunk would pass 600 of 800 bytes");
        assertTrue(m.admits(2, true), "in-order data may use the last quarter");
        assertFalse(m.admits(3, true), "but not more than the budget");
        assertEquals(2, m.refused());
        assertEquals(600, m.used());
    }

    @Test
    void givingChunksBackEndsThePressure() {
        ReceiveMemory m = new ReceiveMemory(800, 100);
        byte[][] held = new byte[6][];
        for (int i = 0; i < 6; i++) held[i] = m.take();
        assertTrue(m.underPressure());
        assertEquals(400, m.window(4096), "under pressure a connection offers 4 chunks of window");
        assertEquals(300, m.window(300), "never more than its buffer");
        m.give(held[0]);
        assertFalse(m.underPressure());
        assertEquals(4096, m.window(4096), "without pressure the whole buffer");
        assertEquals(500, m.used());
    }

    @Test
    void chunksReleasedWithTheirConnectionLeaveTheBudget() {
        ReceiveMemory m = new ReceiveMemory(800, 100);
        m.take();
        m.take();
        m.release(2);
        assertEquals(0, m.used());
    }

    @Test
    void theDefaultBudgetIsAnEighthOfTheHeapInChunksOfOneSegment() {
        ReceiveMemory m = ReceiveMemory.of(ConnectionConfig.DEFAULT, 8L << 30);
        assertEquals(1L << 30, m.budget());
        assertEquals(ConnectionConfig.DEFAULT.maxPayload(), m.chunkSize());
        ReceiveMemory set = ReceiveMemory.of(ConnectionConfig.builder().receiveMemoryBudget(1 << 20).build(), 8L << 30);
        assertEquals(1 << 20, set.budget(), "a budget set in the configuration wins");
        ReceiveMemory tiny = ReceiveMemory.of(ConnectionConfig.builder().receiveMemoryBudget(1).build(), 8L << 30);
        assertEquals(ReceiveMemory.MIN_CHUNKS * ConnectionConfig.DEFAULT.maxPayload(), tiny.budget(), "but never below 16 chunks");
    }
}
