package net.rudp.wire;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One rudp datagram, decoded. Each packet type is a record; {@link PacketCodec} turns them into
 * bytes and back. The byte layout of each type's body is drawn on its record.
 */
public sealed interface Packet {

    Header header();

    /** The type code on the wire. */
    PacketType type();

    /**
     * Call request (TCP's SYN): opens a connection. Occupies one sequence number.
     * {@code header.dstConnId} is 0; {@code header.ack} is 0.
     * <pre>
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |   Max Payload (u16, bytes)    |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * </pre>
     * @param maxPayload the largest DATA payload the sender can receive
     */
    record Syn(Header header, int maxPayload) implements Packet {
        public PacketType type() { return PacketType.SYN; }
    }

    /** Call accept (TCP's SYN-ACK): accepts a call request. Occupies one sequence number. Same body as {@link Syn}. */
    record SynAck(Header header, int maxPayload) implements Packet {
        public PacketType type() { return PacketType.SYN_ACK; }
    }

    /**
     * Acknowledgement, with selective-ACK ranges of data received above the cumulative ACK.
     * <pre>
     * +-+-+-+-+-+-+-+-+
     * | Range Count   |  then Range Count x {@link SeqRange} (8 bytes each)
     * +-+-+-+-+-+-+-+-+
     * </pre>
     */
    record Ack(Header header, List<SeqRange> sackRanges) implements Packet {
        public Ack {
            sackRanges = List.copyOf(sackRanges);
        }
        public PacketType type() { return PacketType.ACK; }
    }

    /**
     * Stream data: {@code payload} occupies sequence numbers {@code [seq, seq + length)}.
     * <pre>
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |     Payload Length (u16)      |  then Payload Length bytes
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * </pre>
     * @param payload the bytes from position to limit; a decoded packet's payload is a read-only
     *                view into the received datagram, valid until that buffer is reused
     */
    record Data(Header header, ByteBuffer payload) implements Packet {
        public PacketType type() { return PacketType.DATA; }
    }

    /**
     * Negative acknowledgement: ranges the receiver knows are missing (gaps below the highest
     * sequence number received), and, with {@link Flags#CORRUPT_SEEN}, that a corrupt datagram
     * from this peer was dropped. Same body layout as {@link Ack}.
     */
    record Nack(Header header, List<SeqRange> missingRanges) implements Packet {
        public Nack {
            missingRanges = List.copyOf(missingRanges);
        }
        public PacketType type() { return PacketType.NACK; }
    }

    /** Finish: the sender will send no more data. Occupies one sequence number. No body. */
    record Fin(Header header) implements Packet {
        public PacketType type() { return PacketType.FIN; }
    }

    /**
     * Reset: the connection is aborted at once.
     * <pre>
     * +-+-+-+-+-+-+-+-+
     * | Reason Code   |
     * +-+-+-+-+-+-+-+-+
     * </pre>
     */
    record Rst(Header header, ResetReason reason) implements Packet {
        public PacketType type() { return PacketType.RST; }
    }

    /**
     * Keepalive, zero-window or path MTU probe: asks the peer for an ACK. Occupies no sequence
     * number. No body, except that a path MTU probe ({@link Flags#PATH_MTU}) is padded with
     * {@code padding} bytes (sent as zero, ignored on receipt) to the datagram size it tests.
     *
     * @param padding bytes after the header; 0 unless the header has {@link Flags#PATH_MTU}
     */
    record Probe(Header header, int padding) implements Packet {
        /** A probe without padding (keepalive, zero-window). */
        public Probe(Header header) {
            this(header, 0);
        }

        public PacketType type() { return PacketType.PROBE; }
    }
}
