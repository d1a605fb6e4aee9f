package net.rudp.wire;

/**
 * Serial-number arithmetic on 32-bit sequence numbers (RFC 1982, as TCP uses it in RFC 9293 3.4).
 *
 * <p>"s1 is said to be less than s2 if, and only if, s1 is not equal to s2, and (i1 &lt; i2 and
 * i2 - i1 &lt; 2^(SERIAL_BITS - 1)) or (i1 &gt; i2 and i1 - i2 &gt; 2^(SERIAL_BITS - 1))"
 * (RFC 1982, 3.2). With two's-complement ints that is simply {@code (s1 - s2) < 0}.
 */
public final class SeqNum {
    private SeqNum() {}

    public static boolean lessThan(int a, int b) {
        return a - b < 0;
    }

    public static boolean lessOrEqual(int a, int b) {
        return a - b <= 0;
    }

    /**
     * Expands a 32-bit wire value to the 64-bit offset nearest to {@code reference}, so that
     * the state machine counts bytes without ever wrapping.
     *
     * @param wire      the 32-bit value from the wire
     * @param base      the 64-bit value whose low 32 bits map to wire value {@code wireBase}
     * @param wireBase  the wire value of {@code base}
     * @param reference a 64-bit value known to be within 2^31 of the answer
     */
    public static long unwrap(int wire, long base, int wireBase, long reference) {
        int referenceWire = (int) (wireBase + (reference - base));
        return reference + (wire - referenceWire);
    }
}
