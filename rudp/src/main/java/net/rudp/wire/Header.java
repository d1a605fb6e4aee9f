package net.rudp.wire;

/**
 * The 32-byte header that starts every rudp datagram (spec/PROTOCOL.md, section "Common header").
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Version (1)  |     Type      |     Flags     |   Reserved    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Destination Connection ID                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Source Connection ID                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Sequence Number                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Receive Window (bytes)                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Timestamp (microseconds)                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Timestamp Echo                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * All 32-bit fields are unsigned on the wire and carried here in an {@code int}; compare sequence
 * numbers only with {@link SeqNum} (serial-number arithmetic, RFC 1982). The version and type
 * are implied by the enclosing {@link Packet}'s record type; the reserved byte is sent as zero
 * and ignored on receipt.
 *
 * @param flags          type-specific flag bits ({@link Flags}); unknown bits are ignored
 * @param dstConnId      the receiver's connection id (0 in a SYN: the server has not chosen one)
 * @param srcConnId      the sender's connection id
 * @param seq            sequence number of the first byte this packet occupies
 * @param ack            next sequence number the sender expects (cumulative ACK); 0 in a SYN
 * @param window         free receive buffer the sender advertises, in bytes, counted from {@code ack}
 * @param timestamp      the sender's clock in microseconds, modulo 2^32
 * @param timestampEcho  the timestamp of the packet that triggered this one, 0 if none
 */
public record Header(int flags, int dstConnId, int srcConnId, int seq, int ack, int window,
                     int timestamp, int timestampEcho) {

    /** Bytes the header occupies on the wire. */
    public static final int BYTES = 32;

    /** A copy with different flags. */
    public Header withFlags(int newFlags) {
        return new Header(newFlags, dstConnId, srcConnId, seq, ack, window, timestamp, timestampEcho);
    }

    /** A copy that echoes no timestamp (TSecr 0: no RTT sample, spec 9.6). */
    public Header withoutEcho() {
        return new Header(flags, dstConnId, srcConnId, seq, ack, window, timestamp, 0);
    }
}
