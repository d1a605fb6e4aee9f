package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

/** The ring keeps a sliding window of a stream intact across wrap-around, growth and release. */
class ByteRingTest {

    record Plan(int maxCapacity, int[] chunks, int[] consumes) {
        @Override
        public String toString() {
            return "max=" + maxCapacity + " chunks=" + java.util.Arrays.toString(chunks) + " consumes=" + java.util.Arrays.toString(consumes);
        }
    }

    @Test
    void streamSurvivesWrapAndGrowth() {
        Property.of("ByteRing keeps a sliding stream", r -> {
            int n = r.nextInt(1, 60);
            int max = 1 << r.nextInt(6, 17);
            int[] chunks = new int[n];
            int[] consumes = new int[n];
            for (int i = 0; i < n; i++) {
                chunks[i] = r.nextInt(0, max / 2);
                consumes[i] = r.nextInt(0, max);
            }
            return new Plan(max, chunks, consumes);
        }).tries(300).check(plan -> {
            ByteRing ring = new ByteRing(plan.maxCapacity());
            long base = 1_000_000_007L; // an arbitrary absolute offset: the ring only uses it modulo its size
            long end = base;
            for (int i = 0; i < plan.chunks().length; i++) {
                int n = (int) Math.min(plan.chunks()[i], plan.maxCapacity() - (end - base));
                byte[] data = pattern(end, n);
                ring.ensureSpan(base, end, (int) (end + n - base));
                ring.write(end, ByteBuffer.wrap(data), n);
                end += n;
                int take = (int) Math.min(plan.consumes()[i], end - base);
                ByteBuffer out = ByteBuffer.allocate(take);
                ring.read(base, out, take);
                assertArrayEquals(pattern(base, take), out.array());
                base += take;
            }
        });
    }

    private static byte[] pattern(long from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) ((from + i) * 31 >>> 3);
        return b;
    }

    @Test
    void aReleasedRingHoldsNothingAndTheNextWriteAllocatesAgain() {
        ByteRing ring = new ByteRing(1 << 20);
        assertFalse(ring.isAllocated(), "nothing written: no ring");
        long end = 40_000;
        ring.ensureSpan(end, end, 100_000);
        ring.write(end, ByteBuffer.wrap(pattern(end, 100_000)), 100_000);
        end += 100_000;
        ring.release();
        assertFalse(ring.isAllocated());
        ring.ensureSpan(end, end, 3_000);
        ring.write(end, ByteBuffer.wrap(pattern(end, 3_000)), 3_000);
        assertEquals(16 * 1024, ring.backing().capacity(), "allocated again at the initial size, not the size it had grown to");
        ByteBuffer out = ByteBuffer.allocate(3_000);
        ring.read(end, out, 3_000);
        assertArrayEquals(pattern(end, 3_000), out.array());
    }
}
