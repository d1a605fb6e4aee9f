package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import net.rudp.core.Reassembly.Arrival;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

/** Reassembly of the peer's stream from segments in any order, duplicated and overlapping. */
class ReassemblyTest {

    private static ByteBuffer bytes(int from, int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        for (int i = 0; i < n; i++) b.put((byte) (from + i));
        return b.flip();
    }

    @Test
    void aGapHoldsLaterDataUntilItFills() {
        Reassembly r = new Reassembly(TestMemory.ample());
        assertEquals(Arrival.IN_ORDER, r.accept(1, bytes(0, 100), 1001));
        assertEquals(Arrival.OUT_OF_ORDER, r.accept(201, bytes(200, 100), 1001));
        assertEquals(Arrival.OUT_OF_ORDER, r.accept(401, bytes(400, 50), 1001));
        assertEquals(101, r.rcvNxt());
        assertEquals(150, r.bytesBeyondGap());
        assertEquals(401, r.lastOutOfOrderStart());
        assertEquals(100, r.readable(), "only the in-order part is readable");
        assertEquals(Arrival.FILLED_GAP, r.accept(101, bytes(100, 100), 1001));
        assertEquals(301, r.rcvNxt(), "the filled gap joins the data held beyond it");
        assertEquals(50, r.bytesBeyondGap());
        assertEquals(Arrival.NOTHING_NEW, r.accept(1, bytes(0, 300), 1001), "a duplicate");
        assertEquals(Arrival.NOTHING_NEW, r.accept(1001, bytes(0, 10), 1001), "beyond the window");
        ByteBuffer out = ByteBuffer.allocate(1000);
        assertEquals(300, r.read(out));
        assertArrayEquals(bytes(0, 300).array(), java.util.Arrays.copyOf(out.array(), 300));
        assertEquals(0, r.read(out), "nothing more in order");
        assertEquals(350, r.bytesReceived(), "the duplicate stored nothing");
    }

    @Test
    void dataBeyondTheWindowIsCutAtItsEdge() {
        Reassembly r = new Reassembly(TestMemory.ample());
        assertEquals(Arrival.IN_ORDER, r.accept(1, bytes(0, 200), 101));
        assertEquals(101, r.rcvNxt());
        assertEquals(100, r.bytesReceived());
    }

    @Test
    void theFinEndsTheStreamOnceEverythingBeforeItArrived() {
        Reassembly r = new Reassembly(TestMemory.ample());
        r.accept(51, bytes(50, 50), 1001);
        r.onFin(101, 1001);
        assertFalse(r.consumeFin(), "the first 50 bytes are missing");
        assertEquals(Arrival.NOTHING_NEW, r.accept(91, bytes(0, 20), 1001), "data beyond the FIN");
        r.accept(1, bytes(0, 50), 1001);
        assertTrue(r.consumeFin());
        assertEquals(102, r.rcvNxt(), "RCV.NXT passes the FIN's sequence number");
        assertFalse(r.consumeFin(), "once");
        ByteBuffer out = ByteBuffer.allocate(200);
        assertEquals(100, r.read(out));
        assertEquals(-1, r.read(out), "end of stream");
    }

    @Test
    void aFinInsideHeldDataOrBeyondTheWindowIsNotBelieved() {
        Reassembly r = new Reassembly(TestMemory.ample());
        r.accept(101, bytes(100, 100), 1001);
        r.onFin(150, 1001);
        r.onFin(2000, 1001);
        r.accept(1, bytes(0, 100), 1001);
        assertFalse(r.consumeFin());
        r.onFin(201, 1001);
        assertTrue(r.consumeFin());
    }

    /** Segments of a stream, shuffled, some sent twice, some overlapping. */
    record Arrivals(int length, List<int[]> segments) {}

    @Test
    void anyOrderOfArrivalGivesBackTheStream() {
        Property.of("reassembly restores the stream", r -> {
            int length = r.nextInt(1, 5000);
            List<int[]> segments = new ArrayList<>();
            for (int at = 0; at < length; ) {
                int n = Math.min(length - at, r.nextInt(1, 700));
                segments.add(new int[] {at, n});
                if (r.nextInt(5) == 0) segments.add(new int[] {Math.max(0, at - r.nextInt(50)), n});
                at += n;
            }
            Collections.shuffle(segments, new java.util.Random(r.nextLong()));
            return new Arrivals(length, segments);
        }).tries(300).check(a -> {
            Reassembly r = new Reassembly(TestMemory.ample());
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            SplittableRandom reads = new SplittableRandom(a.length());
            for (int[] seg : a.segments()) {
                r.accept(1 + seg[0], bytes(seg[0], seg[1]), 1 + 8192);
                if (reads.nextBoolean()) drain(r, got);
            }
            drain(r, got);
            assertEquals(1 + a.length(), r.rcvNxt());
            assertEquals(0, r.bytesBeyondGap());
            assertArrayEquals(bytes(0, a.length()).array(), got.toByteArray());
            assertTrue(r.bytesReceived() >= a.length(), "every byte was stored at least once");
        });
    }

    private static void drain(Reassembly r, ByteArrayOutputStream to) {
        ByteBuffer b = ByteBuffer.allocate(300);
        int n;
        while ((n = r.read(b.clear())) > 0) to.write(b.array(), 0, n);
    }

    @Test
    void outOfOrderDataOpeningARangeBeyondTheBoundIsRefusedButDataJoiningOneIsNot() {
        Reassembly r = new Reassembly(TestMemory.ample());
        long window = 1 + 4L * Reassembly.MAX_RANGES;
        for (int i = 1; i <= Reassembly.MAX_RANGES; i++) {
            assertEquals(Arrival.OUT_OF_ORDER, r.accept(1 + 2L * i, bytes(2 * i, 1), window));
        }
        assertEquals(Reassembly.MAX_RANGES, r.outOfOrder().size());
        long beyond = 3 + 2L * Reassembly.MAX_RANGES;
        assertEquals(Arrival.REFUSED, r.accept(beyond, bytes(0, 1), window), "a new range beyond the bound");
        assertEquals(Reassembly.MAX_RANGES, r.outOfOrder().size(), "the ranges held are kept, none given back");
        assertEquals(Arrival.OUT_OF_ORDER, r.accept(beyond - 1, bytes(0, 1), window), "extending the highest range");
        assertEquals(Arrival.OUT_OF_ORDER, r.accept(4, bytes(3, 1), window), "joining two ranges");
        assertEquals(Reassembly.MAX_RANGES - 1, r.outOfOrder().size());
        assertEquals(Arrival.FILLED_GAP, r.accept(1, bytes(0, 2), window), "in-order data is never refused for the bound");
    }

    @Test
    void dataTheBudgetHasNoRoomForIsRefusedOutOfOrderFirst() {
        ReceiveMemory memory = new ReceiveMemory(4 * 100, 100);
        Reassembly r = new Reassembly(memory);
        assertEquals(Arrival.OUT_OF_ORDER, r.accept(201, bytes(200, 100), 10_001));
        assertEquals(Arrival.OUT_OF_ORDER, r.accept(301, bytes(300, 100), 10_001));
        assertEquals(Arrival.OUT_OF_ORDER, r.accept(501, bytes(500, 100), 10_001), "3 chunks: at 3/4 of the budget");
        assertEquals(Arrival.REFUSED, r.accept(701, bytes(700, 100), 10_001), "a 4th out-of-order chunk passes 3/4");
        assertEquals(Arrival.OUT_OF_ORDER, r.accept(550, bytes(549, 50), 10_001), "data in a chunk already held costs nothing");
        assertEquals(Arrival.FILLED_GAP, r.accept(1, bytes(0, 100), 10_001), "in-order data may use the last quarter");
        assertEquals(Arrival.REFUSED, r.accept(101, bytes(100, 100), 10_001), "nothing is left for in-order data either");
        assertEquals(400, memory.used());
        assertEquals(100, r.read(ByteBuffer.allocate(1000)));
        assertEquals(300, memory.used(), "reading gave the chunk back");
        assertEquals(Arrival.FILLED_GAP, r.accept(101, bytes(100, 100), 10_001));
        assertEquals(550, r.bytesReceived(), "refused data is not counted (the 50 bytes held already count again)");
    }

    @Test
    void retiringTheStreamLeavesTheBudgetWithNothingHeld() {
        ReceiveMemory memory = new ReceiveMemory(1 << 20, 100);
        Reassembly r = new Reassembly(memory);
        r.accept(1, bytes(0, 150), 10_001);
        r.accept(1001, bytes(1000, 10), 10_001);
        r.retire();
        assertEquals(0, memory.used());
        ByteBuffer out = ByteBuffer.allocate(1000);
        assertEquals(150, r.read(out), "what was in order is still readable");
    }
}
