package net.rudp.demo.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InOrderQueueTest {

    @Test
    void releasesOnlyWhatIsDue() {
        InOrderQueue queue = new InOrderQueue();
        queue.add(10, new byte[] {1}, 1);
        queue.add(20, new byte[] {2}, 1);
        List<Byte> out = new ArrayList<>();
        queue.releaseDue(15, (p, n) -> out.add(p[0]));
        assertEquals(List.of((byte) 1), out);
        assertEquals(20, queue.nextDueNanos());
    }

    @Test
    void refusesAPacketThatWouldOvertake() {
        InOrderQueue queue = new InOrderQueue();
        queue.add(20, new byte[1], 1);
        assertEquals("an in-order queue cannot take a packet due before the one queued last",
            assertThrows(IllegalArgumentException.class, () -> queue.add(19, new byte[1], 1)).getMessage());
    }
}
