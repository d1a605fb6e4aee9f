package net.rudp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The generator reaches the edges it promises, and its shrinker only offers valid, smaller packets. */
class PacketGenTest {

    private static final int DRAWS = 2_000;

    @Test
    void drawsEveryTypeAndTheEdgeCases() {
        SplittableRandom r = new SplittableRandom(1);
        Set<PacketType> types = EnumSet.noneOf(PacketType.class);
        Set<String> edges = new HashSet<>();
        for (int i = 0; i < DRAWS; i++) {
            Packet p = PacketGen.anyPacket(r);
            types.add(p.type());
            if (p.header().seq() == 0xFFFF_FFFF) edges.add("seq 2^32-1");
            if (p.header().flags() == 0xFF) edges.add("all flags");
            switch (p) {
                case Packet.Data d when d.payload().remaining() == 0 -> edges.add("empty payload");
                case Packet.Data d when d.payload().remaining() == 1162 -> edges.add("1162-byte payload");
                case Packet.Ack a when a.sackRanges().size() == PacketCodec.maxRanges(1200) -> edges.add("145 ranges");
                case Packet.Ack a when a.sackRanges().size() == PacketCodec.MAX_RANGES -> edges.add("255 ranges");
                case Packet.Ack a when a.sackRanges().stream().anyMatch(x -> Integer.compareUnsigned(x.start(), x.end()) > 0) ->
                    edges.add("range through 0");
                default -> { }
            }
        }
        assertEquals(EnumSet.allOf(PacketType.class), types);
        assertEquals(Set.of("seq 2^32-1", "all flags", "empty payload", "1162-byte payload", "145 ranges", "255 ranges",
            "range through 0"), edges);
    }

    @Test
    void everyShrinkVariantIsEncodableAndStrictlySmaller() {
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 300; i++) {
            Packet p = PacketGen.anyPacket(r);
            for (Packet v : PacketGen.simpler(p)) {
                assertEquals(new DecodeResult.Ok(v), Datagrams.decode(Datagrams.encode(v)), "variant of " + p);
                assertTrue(measure(v) < measure(p), v + " is not simpler than " + p);
            }
        }
    }

    @Test
    void shrinkingByTheFirstVariantEndsAtAZeroHeaderAndEmptyBody() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            Packet p = PacketGen.anyPacket(r);
            for (List<Packet> variants = PacketGen.simpler(p); !variants.isEmpty(); variants = PacketGen.simpler(p)) {
                p = variants.getFirst();
            }
            assertEquals(new Header(0, 0, 0, 0, 0, 0, 0, 0), p.header());
            assertEquals(PacketCodec.encodedSize(p),
                PacketCodec.MIN_DATAGRAM + minimalBody(p.type()), "smallest body of " + p);
        }
    }

    /** Decreases with every shrink step: bytes on the wire, nonzero header fields, a max payload above the minimum. */
    private static long measure(Packet p) {
        Header h = p.header();
        long nonzero = IntStream.of(h.flags(), h.dstConnId(), h.srcConnId(), h.seq(), h.ack(), h.window(), h.timestamp(),
            h.timestampEcho()).filter(x -> x != 0).count();
        int maxPayload = switch (p) {
            case Packet.Syn s -> s.maxPayload();
            case Packet.SynAck s -> s.maxPayload();
            default -> PacketCodec.MIN_MAX_PAYLOAD;
        };
        return PacketCodec.encodedSize(p) * 100L + nonzero * 10 + (maxPayload > PacketCodec.MIN_MAX_PAYLOAD ? 1 : 0);
    }

    private static int minimalBody(PacketType type) {
        return switch (type) {
            case SYN, SYN_ACK, DATA -> 2;
            case ACK, NACK, RST -> 1;
            case FIN, PROBE -> 0;
        };
    }
}
