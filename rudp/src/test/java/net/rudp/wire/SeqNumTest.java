package net.rudp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

/** Serial-number arithmetic (RFC 1982) and the 32-bit to 64-bit expansion the core counts with. */
class SeqNumTest {

    private static final int MAX = 0xFFFF_FFFF;

    @Test
    void theLargestNumberIsLessThanZeroAcrossTheWrap() {
        assertTrue(SeqNum.lessThan(MAX, 0));
        assertFalse(SeqNum.lessThan(0, MAX));
        assertTrue(SeqNum.lessThan(0xFFFF_FFF0, 0x10));
    }

    @Test
    void aNumberIsNotLessThanItselfButIsLessOrEqual() {
        assertFalse(SeqNum.lessThan(42, 42));
        assertTrue(SeqNum.lessOrEqual(42, 42));
        assertTrue(SeqNum.lessOrEqual(MAX, 0));
        assertFalse(SeqNum.lessOrEqual(0, MAX));
    }

    @Test
    void orderHoldsUpTo2To31Minus1Apart() {
        assertTrue(SeqNum.lessThan(0, 0x7FFF_FFFF));
        assertFalse(SeqNum.lessThan(0x7FFF_FFFF, 0));
        assertTrue(SeqNum.lessThan(0x8000_0000, MAX));
        // One further and the order flips: 0x8000_0000 is "before" 0.
        assertTrue(SeqNum.lessThan(0x8000_0001, 0));
    }

    @Test
    void unwrapCountsPastTheWrapWithoutWrapping() {
        int isn = 0xFFFF_FFF0;
        int wireBase = isn + 1; // stream offset 0 is ISN + 1
        assertEquals(0, SeqNum.unwrap(wireBase, 0, wireBase, 0));
        assertEquals(15, SeqNum.unwrap(0, 0, wireBase, 10), "wire 0 is 15 bytes after ISN + 1");
        assertEquals(0x1_0000_000FL, SeqNum.unwrap(0, 0, wireBase, 0x1_0000_0000L), "one lap later");
    }

    @Test
    void unwrapOfAnOldNumberGivesAnOffsetBehindTheReference() {
        assertEquals(1_000L, SeqNum.unwrap(1_000, 0, 0, 700_000_000L));
        assertEquals(0x1_0000_0000L + 1_000, SeqNum.unwrap(1_000, 0, 0, 0x1_0000_0000L + 9_000));
    }

    /** An offset within 2^31 - 1 of the reference, and the wire value that stream offset 0 has. */
    record UnwrapCase(long reference, long offset, int wireBase) {}

    @Test
    void unwrapInvertsWrappingForAnyOffsetWithin2To31OfTheReference() {
        Property.of("unwrap(wire(x)) == x", r -> {
                long reference = r.nextLong(1L << 31, 1L << 50);
                return new UnwrapCase(reference, reference + r.nextLong(-(1L << 31) + 1, 1L << 31), r.nextInt());
            })
            .tries(500)
            .check(c -> {
                int wire = (int) (c.wireBase() + c.offset());
                assertEquals(c.offset(), SeqNum.unwrap(wire, 0, c.wireBase(), c.reference()));
            });
    }

    @Test
    void aRangeMayWrapThroughZero() {
        SeqRange range = new SeqRange(0xFFFF_FFFC, 4);
        assertEquals(8, range.length());
        assertEquals(0x7FFF_FFFF, new SeqRange(1, 0x8000_0000).length());
    }
}
