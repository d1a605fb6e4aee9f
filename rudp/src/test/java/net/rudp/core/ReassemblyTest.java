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
}
