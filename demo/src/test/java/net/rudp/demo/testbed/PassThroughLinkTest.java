package net.rudp.demo.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassThroughLinkTest {

    @Test
    void deliversEachPacketInOrderAsSoonAsItIsOffered() {
        PassThroughLink link = new PassThroughLink();
        assertEquals(Long.MAX_VALUE, link.nextDeliveryNanos());
        link.offer(100, new byte[] {1, 2, 3}, 2);
        link.offer(150, new byte[] {4}, 1);
        assertEquals(100, link.nextDeliveryNanos());
        List<String> out = new ArrayList<>();
        link.poll(120, (p, n) -> out.add(p[0] + "/" + n));
        assertEquals(List.of("1/2"), out);
        link.poll(150, (p, n) -> out.add(p[0] + "/" + n));
        assertEquals(List.of("1/2", "4/1"), out);
        assertEquals(Long.MAX_VALUE, link.nextDeliveryNanos());
    }
}
