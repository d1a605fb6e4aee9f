package net.rudp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the encoder refuses, and that a refusal writes nothing. */
class EncodingRulesTest {

    private static final Header HEADER = new Header(0, 1, 2, 3, 4, 5, 6, 7);

    @Test
    void aPacketThatCannotBeEncodedLeavesTheBufferUntouched() {
        ByteBuffer out = ByteBuffer.allocate(4096);
        List<SeqRange> tooMany = Collections.nCopies(PacketCodec.MAX_RANGES + 1, new SeqRange(1, 2));
        assertThrows(IllegalArgumentException.class, () -> PacketCodec.encode(new Packet.Nack(HEADER, tooMany), out));
        assertThrows(IllegalArgumentException.class, () -> PacketCodec.encode(new Packet.Syn(HEADER, 63), out));
        assertThrows(IllegalArgumentException.class, () -> PacketCodec.encode(new Packet.Fin(HEADER.withFlags(0x100)), out));
        assertThrows(IllegalArgumentException.class,
            () -> PacketCodec.encode(new Packet.Data(HEADER.withFlags(0x100), ByteBuffer.allocate(1)), out));
        assertThrows(IndexOutOfBoundsException.class, () -> PacketCodec.encodeData(out, 0, 1, 2, 3, 4, 5, 6, 7,
            ByteBuffer.allocate(10), 5, 6));
        assertEquals(0, out.position());
        assertArrayEquals(new byte[4096], out.array());
    }

    @Test
    void aBufferTooSmallForThePacketIsLeftUntouched() {
        Packet syn = new Packet.Syn(HEADER, 1162);
        ByteBuffer out = ByteBuffer.allocate(PacketCodec.encodedSize(syn) - 1);
        assertThrows(BufferOverflowException.class, () -> PacketCodec.encode(syn, out));
        assertEquals(0, out.position());
        assertArrayEquals(new byte[out.capacity()], out.array());
    }

    @Test
    void aRangeCannotBeEmptyInvertedOr2To31Long() {
        assertThrows(IllegalArgumentException.class, () -> new SeqRange(5, 5));
        assertThrows(IllegalArgumentException.class, () -> new SeqRange(6, 5));
        assertThrows(IllegalArgumentException.class, () -> new SeqRange(0, 0x8000_0000));
        assertThrows(IllegalArgumentException.class, () -> new SeqRange(0x8000_0000, 0));
    }
}
