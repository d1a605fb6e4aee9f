package net.rudp.wire;

import static net.rudp.wire.Datagrams.decode;
import static net.rudp.wire.Datagrams.encode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.HexFormat;
import java.util.SplittableRandom;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

/** The codec's contract over arbitrary packets and arbitrary bytes. */
class PacketCodecPropertiesTest {

    private static final int RESERVED_OFFSET = 3;

    /** Raw bytes for the decoder; printed as hex when a property fails. */
    record Bytes(byte[] value) {
        @Override
        public String toString() {
            return value.length + " bytes " + HexFormat.of().formatHex(value);
        }
    }

    @Test
    void decodeOfEncodeIsTheSamePacketAtAnyBufferOffset() {
        record Case(Packet packet, int offset) {}
        Property.of("decode(encode(p)) == p", r -> new Case(PacketGen.anyPacket(r), r.nextInt(3) == 0 ? 0 : r.nextInt(1, 64)))
            .tries(1_000)
            .shrinkWith(c -> PacketGen.simpler(c.packet()).stream().map(p -> new Case(p, c.offset())).toList())
            .check(c -> {
                int size = PacketCodec.encodedSize(c.packet());
                ByteBuffer buffer = ByteBuffer.allocate(c.offset() + size + 16);
                buffer.position(c.offset());
                assertEquals(size, PacketCodec.encode(c.packet(), buffer), "bytes written");
                assertEquals(c.offset() + size, buffer.position(), "position advanced by the size");
                buffer.flip().position(c.offset());
                assertEquals(new DecodeResult.Ok(c.packet()), PacketCodec.decode(buffer));
                assertEquals(c.offset(), buffer.position(), "decode does not move the position");
            });
    }

    @Test
    void encodedSizeIsTheNumberOfBytesEncoded() {
        Property.of("encodedSize(p) == encode(p).length", PacketGen::anyPacket)
            .tries(300)
            .shrinkWith(PacketGen::simpler)
            .check(p -> {
                ByteBuffer roomy = ByteBuffer.allocate(PacketCodec.encodedSize(p) + 100);
                assertEquals(PacketCodec.encodedSize(p), PacketCodec.encode(p, roomy));
            });
    }

    @Test
    void encodeDataFromASliceWritesTheSameBytesAsTheRecord() {
        Property.of("encodeData(slice) == encode(Data)", r -> PacketGen.anyPacket(r, PacketType.DATA, PacketGen.DEFAULT_MAX_DATAGRAM))
            .tries(200)
            .shrinkWith(PacketGen::simpler)
            .check(p -> {
                Packet.Data d = (Packet.Data) p;
                Header h = d.header();
                int length = d.payload().remaining();
                ByteBuffer source = ByteBuffer.allocate(length + 20);
                source.put(7, d.payload(), d.payload().position(), length).position(3);
                ByteBuffer out = ByteBuffer.allocate(PacketCodec.encodedSize(d));
                PacketCodec.encodeData(out, h.flags(), h.dstConnId(), h.srcConnId(), h.seq(), h.ack(), h.window(),
                    h.timestamp(), h.timestampEcho(), source, 7, length);
                assertArrayEquals(encode(d), out.array());
                assertEquals(3, source.position(), "the source's position does not move");
            });
    }

    @Test
    void everySingleBitFlipIsABadChecksum() {
        Property.of("a flipped bit never decodes", r -> PacketGen.anyPacket(r, PacketGen.DEFAULT_MAX_DATAGRAM))
            .tries(100)
            .shrinkWith(PacketGen::simpler)
            .check(p -> {
                byte[] datagram = encode(p);
                for (int bit = 0; bit < datagram.length * 8; bit++) {
                    datagram[bit / 8] ^= (byte) (1 << (bit % 8));
                    DecodeResult result = decode(datagram);
                    datagram[bit / 8] ^= (byte) (1 << (bit % 8));
                    assertEquals(DecodeError.BAD_CHECKSUM, assertInstanceOf(DecodeResult.Error.class, result,
                        "bit " + bit + " flipped").kind(), "bit " + bit + " flipped");
                }
            });
    }

    @Test
    void everyTruncationIsDetected() {
        Property.of("a truncated packet never decodes", r -> PacketGen.anyPacket(r, PacketGen.DEFAULT_MAX_DATAGRAM))
            .tries(100)
            .shrinkWith(PacketGen::simpler)
            .check(p -> {
                byte[] datagram = encode(p);
                for (int length = 0; length < datagram.length; length++) {
                    assertInstanceOf(DecodeResult.Error.class, decode(Arrays.copyOf(datagram, length)),
                        "truncated to " + length + " of " + datagram.length + " bytes");
                }
            });
    }

    @Test
    void arbitraryBytesNeverThrow() {
        Property.of("decode(any bytes) returns", r -> {
                byte[] bytes = new byte[r.nextInt(2_001)];
                r.nextBytes(bytes);
                return new Bytes(bytes);
            })
            .tries(500)
            .check(b -> assertNotNull(decode(b.value())));
    }

    /**
     * Bytes that pass the checksum reach the version, type, length and field checks. Whatever
     * they hold, decoding returns; and what it accepts is canonical: re-encoding gives the same
     * bytes, but for the reserved byte and a path MTU probe's padding, which are ignored on
     * receipt and sent as 0.
     */
    @Test
    void checksummedBytesDecodeOnlyToPacketsThatReEncodeToThem() {
        Set<Object> outcomes = new HashSet<>();
        int cases = Property.of("decode(bytes with valid CRC) is canonical", PacketCodecPropertiesTest::checksummedBytes)
            .tries(1_000)
            .check(b -> {
                DecodeResult result = decode(b.value());
                if (result instanceof DecodeResult.Ok(Packet packet)) {
                    byte[] canonical = b.value().clone();
                    canonical[RESERVED_OFFSET] = 0;
                    // A path MTU probe's padding, too, is ignored on receipt and sent as zeros (spec 9.13).
                    if (packet instanceof Packet.Probe p) Arrays.fill(canonical, Header.BYTES, Header.BYTES + p.padding(), (byte) 0);
                    Datagrams.reseal(canonical);
                    assertArrayEquals(canonical, encode(packet), "re-encoding " + packet);
                    outcomes.add(packet.type());
                } else {
                    outcomes.add(((DecodeResult.Error) result).kind());
                }
            });
        if (cases > 1) { // not a single replayed case: the generator must have reached every outcome
            Set<Object> expected = new HashSet<>(List.of(PacketType.values()));
            expected.addAll(EnumSet.complementOf(EnumSet.of(DecodeError.BAD_CHECKSUM)));
            assertEquals(expected, outcomes, "outcomes the generator reached");
        }
    }

    /** Random bytes, or a valid packet with a few bytes changed, cut or added; always with a valid CRC. */
    private static Bytes checksummedBytes(SplittableRandom r) {
        byte[] content;
        if (r.nextInt(4) == 0) {
            content = new byte[r.nextInt(2_001)];
            r.nextBytes(content);
            if (content.length > 0 && r.nextBoolean()) content[0] = PacketCodec.VERSION;
        } else {
            byte[] valid = encode(PacketGen.anyPacket(r, PacketGen.DEFAULT_MAX_DATAGRAM));
            int length = valid.length - PacketCodec.CHECKSUM_BYTES;
            content = Arrays.copyOf(valid, switch (r.nextInt(4)) {
                case 0 -> r.nextInt(length + 1);
                case 1 -> length + r.nextInt(1, 20);
                default -> length;
            });
            for (int changes = r.nextInt(4); changes > 0 && content.length > 0; changes--) {
                content[r.nextInt(content.length)] = (byte) r.nextInt(256);
            }
        }
        return new Bytes(Datagrams.withChecksum(content));
    }
}
