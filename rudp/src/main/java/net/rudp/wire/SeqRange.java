package net.rudp.wire;

/**
 * A half-open range of sequence numbers {@code [start, end)} as carried in ACK (selective
 * acknowledgement) and NACK (missing data) packets. Both ends are 32-bit serial numbers;
 * a range covers 1 to 2^31 - 1 sequence numbers ({@link #isValid}).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Range Start                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Range End                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record SeqRange(int start, int end) {
    /** Bytes one range occupies on the wire. */
    public static final int BYTES = 8;

    public SeqRange {
        if (!isValid(start, end)) {
            throw new IllegalArgumentException("range must be non-empty and shorter than 2^31: ["
                + Integer.toUnsignedString(start) + ", " + Integer.toUnsignedString(end) + ")");
        }
    }

    /**
     * Whether {@code [start, end)} is a range the protocol allows: non-empty and shorter than 2^31.
     * Not simply {@code SeqNum.lessThan(start, end)}: two numbers exactly 2^31 apart are each
     * "less than" the other (RFC 1982 leaves that comparison undefined), so such a range would
     * be both forward and inverted.
     */
    static boolean isValid(int start, int end) {
        return end - start > 0;
    }

    /** Number of sequence numbers the range covers. */
    public int length() {
        return end - start;
    }
}
