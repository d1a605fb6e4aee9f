package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

/** The ring keeps a sliding window of a stream intact across wrap-around and growth. */
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
}
