package net.rudp.wire;

import static net.rudp.wire.Datagrams.decode;
import static net.rudp.wire.Datagrams.encode;
import static net.rudp.wire.Datagrams.reseal;
import static net.rudp.wire.Datagrams.withChecksum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each receiving rule of spec/PROTOCOL.md ("Receiving") and the {@link DecodeError} it yields.
 * Every case starts from a valid packet and breaks exactly one thing, resealing the checksum
 * unless the checksum is what is broken.
 */
class DecodeErrorsTest {

    private static final Header HEADER = new Header(0, 0x11111111, 0x22222222, 100, 200, 65536, 7, 6);
    private static final int VERSION_OFFSET = 0;
    private static final int TYPE_OFFSET = 1;
    private static final int FLAGS_OFFSET = 2;
    private static final int RESERVED_OFFSET = 3;
    private static final int BODY_OFFSET = Header.BYTES;

    private static DecodeError errorOf(byte[] datagram) {
        return assertInstanceOf(DecodeResult.Error.class, decode(datagram), "must not decode").kind();
    }

    /** {@code datagram} with byte {@code offset} set to {@code value} and the checksum made valid again. */
    private static byte[] withByte(byte[] datagram, int offset, int value) {
        byte[] copy = datagram.clone();
        copy[offset] = (byte) value;
        reseal(copy);
        return copy;
    }

    private static byte[] ackWithRange(int start, int end) {
        byte[] datagram = encode(new Packet.Ack(HEADER, List.of(new SeqRange(1, 2))));
        ByteBuffer.wrap(datagram).putInt(BODY_OFFSET + 1, start).putInt(BODY_OFFSET + 5, end);
        reseal(datagram);
        return datagram;
    }

    // --- Truncated ---
    @Test
    void aDatagramShorterThanHeaderPlusChecksumIsTruncated() {
        for (int length = 0; length < PacketCodec.MIN_DATAGRAM; length++) {
            assertEquals(DecodeError.TRUNCATED, errorOf(new byte[length]), length + " bytes");
        }
    }

    @Test
    void aBodyShorterThanItsTypeNeedsIsTruncatedEvenWithAValidChecksum() {
        byte[] syn = encode(new Packet.Syn(HEADER, 1162));
        byte[] headerOnly = withChecksum(Arrays.copyOf(syn, Header.BYTES));
        assertEquals(DecodeError.TRUNCATED, errorOf(headerOnly));
    }

    @Test
    void dataShorterThanItsLengthFieldSaysIsTruncated() {
        byte[] data = encode(new Packet.Data(HEADER, ByteBuffer.wrap(new byte[10])));
        byte[] claimsEleven = withByte(data, BODY_OFFSET + 1, 11);
        assertEquals(DecodeError.TRUNCATED, errorOf(claimsEleven));
    }

    @Test
    void anAckWithFewerRangesThanItsCountIsTruncated() {
        byte[] ack = encode(new Packet.Ack(HEADER, List.of(new SeqRange(1, 2))));
        assertEquals(DecodeError.TRUNCATED, errorOf(withByte(ack, BODY_OFFSET, 2)));
    }

    // --- BadChecksum ---
    @Test
    void aChangedByteIsABadChecksum() {
        byte[] fin = encode(new Packet.Fin(HEADER));
        fin[12] ^= 0x40;
        assertEquals(DecodeError.BAD_CHECKSUM, errorOf(fin));
    }

    @Test
    void theChecksumIsVerifiedBeforeAnyOtherField() {
        // Order matters: only a BAD_CHECKSUM drop may trigger a CORRUPT_SEEN NACK.
        byte[] fin = encode(new Packet.Fin(HEADER));
        fin[VERSION_OFFSET] = 2;
        fin[TYPE_OFFSET] = 99;
        assertEquals(DecodeError.BAD_CHECKSUM, errorOf(fin));
    }

    // --- UnknownVersion ---
    @Test
    void versionsZeroTwoAnd255AreUnknown() {
        byte[] probe = encode(new Packet.Probe(HEADER));
        for (int version : new int[] {0, 2, 255}) {
            assertEquals(DecodeError.UNKNOWN_VERSION, errorOf(withByte(probe, VERSION_OFFSET, version)), "version " + version);
        }
    }

    // --- UnknownType ---
    @Test
    void typeCodesZeroNineAnd255AreUnknown() {
        byte[] probe = encode(new Packet.Probe(HEADER));
        for (int type : new int[] {0, 9, 255}) {
            assertEquals(DecodeError.UNKNOWN_TYPE, errorOf(withByte(probe, TYPE_OFFSET, type)), "type " + type);
        }
    }

    // --- FieldOutOfRange ---
    @Test
    void aMaxPayloadBelow64IsOutOfRange() {
        byte[] synAck = encode(new Packet.SynAck(HEADER, 64));
        assertEquals(DecodeError.FIELD_OUT_OF_RANGE, errorOf(withByte(synAck, BODY_OFFSET + 1, 63)));
    }

    @Test
    void bytesAfterTheBodyAreOutOfRange() {
        byte[] fin = encode(new Packet.Fin(HEADER));
        byte[] longer = withChecksum(Arrays.copyOf(fin, fin.length - PacketCodec.CHECKSUM_BYTES + 1));
        assertEquals(DecodeError.FIELD_OUT_OF_RANGE, errorOf(longer));
    }

    @Test
    void anEmptyRangeIsOutOfRange() {
        assertEquals(DecodeError.FIELD_OUT_OF_RANGE, errorOf(ackWithRange(5, 5)));
    }

    @Test
    void anInvertedRangeIsOutOfRange() {
        assertEquals(DecodeError.FIELD_OUT_OF_RANGE, errorOf(ackWithRange(6, 5)));
    }

    @Test
    void aRangeOfExactly2To31IsOutOfRangeBecauseItsDirectionIsUndefined() {
        assertEquals(DecodeError.FIELD_OUT_OF_RANGE, errorOf(ackWithRange(0, 0x8000_0000)));
        assertEquals(DecodeError.FIELD_OUT_OF_RANGE, errorOf(ackWithRange(0x8000_0000, 0)));
    }

    @Test
    void unknownResetReasonsAreOutOfRange() {
        byte[] rst = encode(new Packet.Rst(HEADER, ResetReason.ABORT));
        int firstUnassigned = Arrays.stream(ResetReason.values()).mapToInt(r -> r.code).max().orElseThrow() + 1;
        for (int reason : new int[] {0, firstUnassigned, 255}) {
            assertEquals(DecodeError.FIELD_OUT_OF_RANGE, errorOf(withByte(rst, BODY_OFFSET, reason)), "reason " + reason);
        }
    }

    // --- Ignored ---
    @Test
    void unknownFlagBitsAreIgnoredAndKept() {
        byte[] fin = withByte(encode(new Packet.Fin(HEADER)), FLAGS_OFFSET, 0xFC);
        assertEquals(new DecodeResult.Ok(new Packet.Fin(HEADER.withFlags(0xFC))), decode(fin));
    }

    @Test
    void theReservedByteIsIgnored() {
        byte[] fin = withByte(encode(new Packet.Fin(HEADER)), RESERVED_OFFSET, 0xA5);
        assertEquals(new DecodeResult.Ok(new Packet.Fin(HEADER)), decode(fin));
    }

    @Test
    void aRangeOneShortOf2To31Decodes() {
        DecodeResult result = decode(ackWithRange(0x8000_0001, 0));
        assertEquals(List.of(new SeqRange(0x8000_0001, 0)),
            assertInstanceOf(Packet.Ack.class, ((DecodeResult.Ok) result).packet()).sackRanges());
    }
}
