package net.rudp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checksum is CRC32C (Castagnoli) over every byte before it, stored big-endian at the end (spec: "Checksum"). */
class ChecksumTest {

    @Test
    void crc32cOfTheAsciiDigitsIsTheCatalogueCheckValue() {
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, Datagrams.crc32c(digits, digits.length));
    }

    @Test
    void crc32cOf32ZeroBytesMatchesRfc3720() {
        // RFC 3720 B.4: "32 bytes of zeroes: ... CRC: aa 36 91 8a" (shown there least significant byte first).
        assertEquals(0x8A9136AA, Datagrams.crc32c(new byte[32], 32));
    }

    @Test
    void theTrailerIsTheBigEndianCrc32cOfAllPrecedingBytes() {
        Header header = new Header(0x02, 1, 2, 3, 4, 5, 6, 7);
        Packet ack = new Packet.Ack(header, List.of(new SeqRange(10, 20)));
        byte[] datagram = Datagrams.encode(ack);
        int end = datagram.length - PacketCodec.CHECKSUM_BYTES;
        assertEquals(Datagrams.crc32c(datagram, end), ByteBuffer.wrap(datagram).getInt(end));
    }
}
