package net.rudp.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * Byte-level helpers for wire tests: encode to an array, decode from one, and build raw
 * datagrams (valid checksum, invalid content) that the codec itself would never write.
 */
public final class Datagrams {
    private Datagrams() {}

    private static final HexFormat HEX = HexFormat.of();

    /** The bytes {@code packet} is on the wire. */
    public static byte[] encode(Packet packet) {
        ByteBuffer out = ByteBuffer.allocate(PacketCodec.encodedSize(packet));
        PacketCodec.encode(packet, out);
        return out.array();
    }

    public static DecodeResult decode(byte[] datagram) {
        return PacketCodec.decode(ByteBuffer.wrap(datagram));
    }

    /** {@code content} followed by its CRC32C: a datagram that passes the checksum whatever it holds. */
    public static byte[] withChecksum(byte[] content) {
        byte[] datagram = Arrays.copyOf(content, content.length + PacketCodec.CHECKSUM_BYTES);
        reseal(datagram);
        return datagram;
    }

    /** Rewrites the last four bytes of {@code datagram} with the CRC32C of the bytes before them. */
    public static void reseal(byte[] datagram) {
        int end = datagram.length - PacketCodec.CHECKSUM_BYTES;
        ByteBuffer.wrap(datagram).putInt(end, crc32c(datagram, end));
    }

    /** CRC32C of the first {@code length} bytes of {@code bytes}. */
    public static int crc32c(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }
}
