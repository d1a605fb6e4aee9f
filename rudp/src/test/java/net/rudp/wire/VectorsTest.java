package net.rudp.wire;

import static net.rudp.wire.Datagrams.decode;
import static net.rudp.wire.Datagrams.encode;
import static net.rudp.wire.Datagrams.hex;
import static net.rudp.wire.Datagrams.unhex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.rudp.wire.VectorFile.Vector;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * spec/vectors is the reference: each packet vector decodes to its listed fields and its fields
 * encode to its bytes, byte for byte; each invalid vector fails with its listed error.
 */
class VectorsTest {

    private static final List<Vector> PACKETS = VectorFile.read("packets.txt");
    private static final List<Vector> INVALID = VectorFile.read("invalid.txt");

    @TestFactory
    Stream<DynamicTest> eachPacketVectorDecodesToItsFieldsAndEncodesToItsBytes() {
        return PACKETS.stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            Packet expected = packetOf(v);
            byte[] wire = unhex(v.get("hex"));
            assertEquals(Integer.parseInt(v.get("length")), wire.length, "length");
            assertEquals(new DecodeResult.Ok(expected), decode(wire), "decoding hex");
            String canonical = v.fields().getOrDefault("encodes_to", v.get("hex"));
            assertEquals(canonical, hex(encode(expected)), "encoding the fields");
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachInvalidVectorFailsWithItsError() {
        return INVALID.stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            byte[] wire = unhex(v.get("hex"));
            assertEquals(Integer.parseInt(v.get("length")), wire.length, "length");
            DecodeResult.Error error = assertInstanceOf(DecodeResult.Error.class, decode(wire), "must not decode");
            assertEquals(DecodeError.valueOf(v.get("error")), error.kind(), error.detail());
        }));
    }

    @Test
    void theVectorsCoverEveryTypeResetReasonFlagAndDecodeError() {
        assertEquals(EnumSet.allOf(PacketType.class), collect(PACKETS, v -> PacketType.valueOf(v.get("type"))));
        assertEquals(EnumSet.allOf(ResetReason.class), collect(PACKETS.stream()
            .filter(v -> v.fields().containsKey("reason")).toList(), v -> ResetReason.valueOf(v.get("reason"))));
        assertEquals(EnumSet.allOf(DecodeError.class), collect(INVALID, v -> DecodeError.valueOf(v.get("error"))));
        int allFlags = PACKETS.stream().mapToInt(v -> Integer.decode(v.get("flags"))).reduce(0, (a, b) -> a | b);
        assertEquals(0xFF, allFlags, "every flag bit appears");
    }

    @Test
    void vectorNamesAreUnique() {
        List<String> names = Stream.concat(PACKETS.stream(), INVALID.stream()).map(Vector::name).toList();
        assertEquals(names.size(), Set.copyOf(names).size(), "duplicate names in " + names);
    }

    private static <T> Set<T> collect(List<Vector> vectors, Function<Vector, T> key) {
        return vectors.stream().map(key).collect(Collectors.toSet());
    }

    /** The packet a vector's fields describe. */
    static Packet packetOf(Vector v) {
        Header h = new Header(Integer.decode(v.get("flags")), u32(v, "dst_conn_id"), u32(v, "src_conn_id"), u32(v, "seq"),
            u32(v, "ack"), u32(v, "window"), u32(v, "timestamp"), u32(v, "timestamp_echo"));
        return switch (PacketType.valueOf(v.get("type"))) {
            case SYN -> new Packet.Syn(h, Integer.parseInt(v.get("max_payload")));
            case SYN_ACK -> new Packet.SynAck(h, Integer.parseInt(v.get("max_payload")));
            case ACK -> new Packet.Ack(h, ranges(v.get("ranges")));
            case NACK -> new Packet.Nack(h, ranges(v.get("ranges")));
            case DATA -> new Packet.Data(h, ByteBuffer.wrap(unhex(v.get("payload_hex"))));
            case FIN -> new Packet.Fin(h);
            case RST -> new Packet.Rst(h, ResetReason.valueOf(v.get("reason")));
            case PROBE -> new Packet.Probe(h, v.fields().containsKey("padding") ? Integer.parseInt(v.get("padding")) : 0);
        };
    }

    private static int u32(Vector v, String key) {
        return Integer.parseUnsignedInt(v.get(key));
    }

    private static List<SeqRange> ranges(String text) {
        List<SeqRange> ranges = new ArrayList<>();
        if (text.isEmpty()) return ranges;
        for (String range : text.split(",")) {
            String[] ends = range.split("-");
            ranges.add(new SeqRange(Integer.parseUnsignedInt(ends[0]), Integer.parseUnsignedInt(ends[1])));
        }
        return ranges;
    }
}
