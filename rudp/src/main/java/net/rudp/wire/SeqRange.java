package net.rudp.wire;

/**
 * A half-open range of sequence numbers {@code [start, end)} as carried in ACK (selective
 * acknowledgement) and NACK (missing data) packets. Both ends are 32-bit serial numbers;
 * {@code end} is "after" {@code start} in serial-number arithmetic and a range is never empty.
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
        if (!SeqNum.lessThan(start, end)) {
            throw new IllegalArgumentException("range must be non-empty and shorter than 2^31: [" 
                + Integer.toUnsignedString(start) + ", " + Integer.toUnsignedString(end) + ")");
        }
    }

    /** Number of sequence numbers the range covers. */
    public int length() {
        return end - start;
    }
}
