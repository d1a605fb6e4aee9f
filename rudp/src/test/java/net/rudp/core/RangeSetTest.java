package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

/** RangeSet against the obvious model: a bit per offset. */
class RangeSetTest {

    record Ops(long[] starts, int[] lengths, long cut) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("add");
            for (int i = 0; i < starts.length; i++) sb.append(" [").append(starts[i]).append(',').append(starts[i] + lengths[i]).append(')');
            return sb.append(" then removeBelow ").append(cut).toString();
        }
    }

    @Test
    void behavesLikeABitSet() {
        Property.of("RangeSet == BitSet", r -> {
            int n = r.nextInt(1, 40);
            long[] s = new long[n];
            int[] l = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = r.nextLong(0, 500);
                l[i] = r.nextInt(0, 30);
            }
            return new Ops(s, l, r.nextLong(0, 520));
        }).tries(500).check(ops -> {
            RangeSet set = new RangeSet();
            BitSet model = new BitSet();
            for (int i = 0; i < ops.starts().length; i++) {
                long s = ops.starts()[i];
                long e = s + ops.lengths()[i];
                int before = model.cardinality();
                int rangesBefore = set.size();
                boolean touches = set.touches(s, e);
                model.set((int) s, (int) e);
                assertEquals(model.cardinality() - before, set.add(s, e), "newly covered count");
                if (s < e) assertEquals(touches, set.size() <= rangesBefore, "touches() says whether no range was opened");
                assertSame(model, set);
            }
            set.removeBelow(ops.cut());
            model.clear(0, (int) ops.cut());
            assertSame(model, set);
        });
    }

    private static void assertSame(BitSet model, RangeSet set) {
        BitSet fromSet = new BitSet();
        for (int i = 0; i < set.size(); i++) {
            if (i > 0) {
                // disjoint and not adjacent: a gap separates neighbours
                org.junit.jupiter.api.Assertions.assertTrue(set.start(i) > set.end(i - 1), set.toString());
            }
            fromSet.set((int) set.start(i), (int) set.end(i));
        }
        assertEquals(model, fromSet, set.toString());
        assertEquals(model.cardinality(), set.covered(), "covered count of " + set);
        for (int probe = 0; probe < 540; probe += 3) {
            int i = set.indexOfRangeContaining(probe);
            assertEquals(model.get(probe), i >= 0, "a range contains " + probe + " in " + set);
            if (i >= 0) assertEquals(model.nextClearBit(probe), set.endOfRangeContaining(probe));
        }
    }
}
