package net.rudp.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Arbitrary valid packets for property tests, biased towards the values that break codecs:
 * sequence numbers next to 0, 2^31 and 2^32, ranges wrapping through 0, no ranges and the most
 * that fit, empty and full payloads, every flag bit. Use with {@link net.rudp.testkit.Property}:
 *
 * <pre>{@code
 * Property.of("...", PacketGen::anyPacket).shrinkWith(PacketGen::simpler).check(p -> ...);
 * }</pre>
 */
public final class PacketGen {
    private PacketGen() {}

    /** The default maximum datagram (spec: 1200 bytes). */
    public static final int DEFAULT_MAX_DATAGRAM = 1200;
    /** The largest UDP payload over IPv4, rudp's largest configurable datagram. */
    public static final int LARGEST_DATAGRAM = 65_507;

    /** 32-bit values that sit on the edges of serial-number arithmetic. */
    private static final int[] EDGES = {0, 1, 2, 0x7FFF_FFFE, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001,
        0xFFFF_FFFD, 0xFFFF_FFFE, 0xFFFF_FFFF};

    /** Any valid packet of any type; usually fits a 1200-byte datagram, sometimes a 65,507-byte one. */
    public static Packet anyPacket(SplittableRandom r) {
        return anyPacket(r, r.nextInt(8) == 0 ? LARGEST_DATAGRAM : DEFAULT_MAX_DATAGRAM);
    }

    /** Any valid packet of any type whose encoding is at most {@code maxDatagram} bytes. */
    public static Packet anyPacket(SplittableRandom r, int maxDatagram) {
        PacketType[] types = PacketType.values();
        return anyPacket(r, types[r.nextInt(types.length)], maxDatagram);
    }

    /** Any valid packet of {@code type} whose encoding is at most {@code maxDatagram} bytes. */
    public static Packet anyPacket(SplittableRandom r, PacketType type, int maxDatagram) {
        Header h = anyHeader(r);
        return switch (type) {
            case SYN -> new Packet.Syn(h, anyMaxPayload(r));
            case SYN_ACK -> new Packet.SynAck(h, anyMaxPayload(r));
            case ACK -> new Packet.Ack(h, anyRanges(r, PacketCodec.maxRanges(maxDatagram)));
            case NACK -> new Packet.Nack(h, anyRanges(r, PacketCodec.maxRanges(maxDatagram)));
            case DATA -> new Packet.Data(h, anyPayload(r, Math.min(PacketCodec.MAX_PAYLOAD,
                maxDatagram - PacketCodec.DATA_OVERHEAD)));
            case FIN -> new Packet.Fin(h);
            case RST -> new Packet.Rst(h, ResetReason.values()[r.nextInt(ResetReason.values().length)]);
            case PROBE -> new Packet.Probe(h);
        };
    }

    /** A header with edge-biased fields and any flag byte (unknown bits included: receivers keep them). */
    public static Header anyHeader(SplittableRandom r) {
        return new Header(r.nextInt(256), anyInt(r), anyInt(r), anyInt(r), anyInt(r), anyInt(r), anyInt(r), anyInt(r));
    }

    /** Any 32-bit value; one time in three an edge of serial-number arithmetic or a number just below 2^32. */
    public static int anyInt(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> EDGES[r.nextInt(EDGES.length)];
            case 1 -> -1 - r.nextInt(100_000);
            default -> r.nextInt();
        };
    }

    /** A max-payload announcement: the minimum, the 1200-byte default, the largest, or anything valid. */
    public static int anyMaxPayload(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> PacketCodec.MIN_MAX_PAYLOAD;
            case 1 -> DEFAULT_MAX_DATAGRAM - PacketCodec.DATA_OVERHEAD;
            case 2 -> PacketCodec.MAX_PAYLOAD;
            default -> r.nextInt(PacketCodec.MIN_MAX_PAYLOAD, PacketCodec.MAX_PAYLOAD + 1);
        };
    }

    /** None, one, a few, exactly {@code max}, or any number up to {@code max} valid ranges. */
    public static List<SeqRange> anyRanges(SplittableRandom r, int max) {
        int count = switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> Math.min(1, max);
            case 2 -> max;
            default -> r.nextInt(max + 1);
        };
        List<SeqRange> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ranges.add(anyRange(r));
        }
        return ranges;
    }

    /** A valid range: any start (often near the wrap), length 1, 2^31 - 1 or in between. */
    public static SeqRange anyRange(SplittableRandom r) {
        int start = anyInt(r);
        int length = switch (r.nextInt(4)) {
            case 0 -> 1;
            case 1 -> Integer.MAX_VALUE;
            case 2 -> r.nextInt(1, Integer.MAX_VALUE);
            default -> r.nextInt(1, 100_000);
        };
        return new SeqRange(start, start + length);
    }

    /** Empty, one byte, exactly {@code maxLength} or any length up to it; random bytes. */
    public static ByteBuffer anyPayload(SplittableRandom r, int maxLength) {
        int length = switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> maxLength;
            default -> r.nextInt(maxLength + 1);
        };
        byte[] bytes = new byte[length];
        r.nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }

    /**
     * Simpler variants of {@code p}, simplest first: fewer ranges, a shorter payload, header
     * fields set to 0. Each variant is strictly smaller, so shrinking ends.
     */
    public static List<Packet> simpler(Packet p) {
        List<Packet> variants = new ArrayList<>();
        switch (p) {
            case Packet.Ack a -> shorterLists(a.sackRanges()).forEach(rs -> variants.add(new Packet.Ack(a.header(), rs)));
            case Packet.Nack n -> shorterLists(n.missingRanges()).forEach(rs -> variants.add(new Packet.Nack(n.header(), rs)));
            case Packet.Data d -> shorterPayloads(d.payload()).forEach(b -> variants.add(new Packet.Data(d.header(), b)));
            case Packet.Syn s when s.maxPayload() != PacketCodec.MIN_MAX_PAYLOAD ->
                variants.add(new Packet.Syn(s.header(), PacketCodec.MIN_MAX_PAYLOAD));
            case Packet.SynAck s when s.maxPayload() != PacketCodec.MIN_MAX_PAYLOAD ->
                variants.add(new Packet.SynAck(s.header(), PacketCodec.MIN_MAX_PAYLOAD));
            default -> { }
        }
        for (Header h : simplerHeaders(p.header())) {
            variants.add(withHeader(p, h));
        }
        return variants;
    }

    /** {@code p} with another header. */
    public static Packet withHeader(Packet p, Header h) {
        return switch (p) {
            case Packet.Syn s -> new Packet.Syn(h, s.maxPayload());
            case Packet.SynAck s -> new Packet.SynAck(h, s.maxPayload());
            case Packet.Ack a -> new Packet.Ack(h, a.sackRanges());
            case Packet.Nack n -> new Packet.Nack(h, n.missingRanges());
            case Packet.Data d -> new Packet.Data(h, d.payload());
            case Packet.Fin f -> new Packet.Fin(h);
            case Packet.Rst rst -> new Packet.Rst(h, rst.reason());
            case Packet.Probe probe -> new Packet.Probe(h);
        };
    }

    private static <T> List<List<T>> shorterLists(List<T> list) {
        if (list.isEmpty()) return List.of();
        return list.size() == 1 ? List.of(List.of()) : List.of(List.of(), list.subList(0, list.size() / 2),
            list.subList(0, list.size() - 1));
    }

    private static List<ByteBuffer> shorterPayloads(ByteBuffer payload) {
        int length = payload.remaining();
        if (length == 0) return List.of();
        return List.of(payload.slice(payload.position(), 0), payload.slice(payload.position(), length / 2),
            payload.slice(payload.position(), length - 1));
    }

    /** The header with one nonzero field set to 0, for each such field. */
    private static List<Header> simplerHeaders(Header h) {
        int[] fields = {h.flags(), h.dstConnId(), h.srcConnId(), h.seq(), h.ack(), h.window(), h.timestamp(),
            h.timestampEcho()};
        List<Header> simpler = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == 0) continue;
            int[] f = fields.clone();
            f[i] = 0;
            simpler.add(new Header(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]));
        }
        return simpler;
    }
}
