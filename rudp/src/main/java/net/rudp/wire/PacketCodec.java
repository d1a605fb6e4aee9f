package net.rudp.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Encodes packets to bytes and decodes bytes to packets (spec/PROTOCOL.md, "Packet layout").
 * Pure functions: no state, no allocation on {@link #encode} or {@link #encodeData}, and
 * {@link #decode} never throws, whatever the bytes.
 *
 * <p>Every datagram ends with a CRC32C (Castagnoli, RFC 3720 B.4) of all the bytes before it,
 * big-endian like every other field.
 */
public final class PacketCodec {
    private PacketCodec() {}

    /** The only protocol version this codec speaks. */
    public static final int VERSION = 1;
    /** Bytes of the checksum trailer. */
    public static final int CHECKSUM_BYTES = 4;
    /** The smallest valid datagram: a header and a checksum (FIN, PROBE). */
    public static final int MIN_DATAGRAM = Header.BYTES + CHECKSUM_BYTES;
    /** Bytes a DATA packet adds to its payload. */
    public static final int DATA_OVERHEAD = Header.BYTES + 2 + CHECKSUM_BYTES;
    /** Bytes of a SYN or SYN_ACK datagram: a header, the max payload, a checksum. */
    public static final int SYN_BYTES = MIN_DATAGRAM + 2;
    /** The largest payload length field; also bounded by the datagram size. */
    public static final int MAX_PAYLOAD = 0xFFFF;
    /** The largest UDP payload over IPv4, so the largest datagram rudp sends. */
    public static final int MAX_DATAGRAM = 65_507;
    /** The smallest max-payload a SYN or SYN-ACK may announce. */
    public static final int MIN_MAX_PAYLOAD = 64;
    /** The most ranges an ACK or NACK can carry (the count is one byte). */
    public static final int MAX_RANGES = 255;

    /** The most ranges that fit in an ACK or NACK within {@code maxDatagram} bytes. */
    public static int maxRanges(int maxDatagram) {
        return Math.max(0, Math.min(MAX_RANGES, (maxDatagram - MIN_DATAGRAM - 1) / SeqRange.BYTES));
    }

    /** The bytes {@code packet} takes on the wire. */
    public static int encodedSize(Packet packet) {
        return MIN_DATAGRAM + switch (packet) {
            case Packet.Syn s -> SYN_BYTES - MIN_DATAGRAM;
            case Packet.SynAck s -> SYN_BYTES - MIN_DATAGRAM;
            case Packet.Ack a -> 1 + SeqRange.BYTES * a.sackRanges().size();
            case Packet.Nack n -> 1 + SeqRange.BYTES * n.missingRanges().size();
            case Packet.Data d -> 2 + d.payload().remaining();
            case Packet.Fin f -> 0;
            case Packet.Rst r -> 1;
            case Packet.Probe p -> p.padding();
        };
    }

    /**
     * Writes {@code packet} at {@code out}'s position and advances it. When it throws, nothing
     * has been written and {@code out}'s position has not moved.
     *
     * @return the bytes written
     * @throws java.nio.BufferOverflowException if {@code out} has too little room
     * @throws IllegalArgumentException if a field cannot be encoded (too many ranges, payload too long)
     */
    public static int encode(Packet packet, ByteBuffer out) {
        Header h = packet.header();
        if (packet instanceof Packet.Data d) {
            ByteBuffer p = d.payload();
            return encodeData(out, h.flags(), h.dstConnId(), h.srcConnId(), h.seq(), h.ack(), h.window(),
                h.timestamp(), h.timestampEcho(), p, p.position(), p.remaining());
        }
        checkEncodable(packet);
        if (out.remaining() < encodedSize(packet)) throw new java.nio.BufferOverflowException();
        int start = out.position();
        putHeader(out, packet.type(), h.flags(), h.dstConnId(), h.srcConnId(), h.seq(), h.ack(), h.window(),
            h.timestamp(), h.timestampEcho());
        switch (packet) {
            case Packet.Syn s -> out.putShort((short) s.maxPayload());
            case Packet.SynAck s -> out.putShort((short) s.maxPayload());
            case Packet.Ack a -> putRanges(out, a.sackRanges());
            case Packet.Nack n -> putRanges(out, n.missingRanges());
            case Packet.Rst r -> out.put((byte) r.reason().code);
            case Packet.Fin f -> { }
            case Packet.Probe p -> putPadding(out, p.padding());
            case Packet.Data d -> throw new AssertionError("handled above");
        }
        return finish(out, start);
    }

    /**
     * Writes a DATA packet from header fields and a slice of {@code payloadSource}, so the send
     * path needs no {@link Packet.Data} record. Does not move {@code payloadSource}'s position.
     *
     * @return the bytes written
     */
    public static int encodeData(ByteBuffer out, int flags, int dstConnId, int srcConnId, int seq, int ack,
                                 int window, int timestamp, int timestampEcho,
                                 ByteBuffer payloadSource, int payloadOffset, int payloadLength) {
        if (payloadLength < 0 || payloadLength > MAX_PAYLOAD) {
            throw new IllegalArgumentException("DATA payload length out of range: " + payloadLength);
        }
        checkFlags(flags);
        Objects.checkFromIndexSize(payloadOffset, payloadLength, payloadSource.limit());
        if (out.remaining() < DATA_OVERHEAD + payloadLength) throw new java.nio.BufferOverflowException();
        int start = out.position();
        putHeader(out, PacketType.DATA, flags, dstConnId, srcConnId, seq, ack, window, timestamp, timestampEcho);
        out.putShort((short) payloadLength);
        out.put(out.position(), payloadSource, payloadOffset, payloadLength);
        out.position(out.position() + payloadLength);
        return finish(out, start);
    }

    /**
     * Decodes the bytes from {@code datagram}'s position to its limit. Does not move its position.
     * A decoded DATA payload is a read-only view into {@code datagram}.
     */
    public static DecodeResult decode(ByteBuffer datagram) {
        int start = datagram.position();
        int length = datagram.remaining();
        if (length < MIN_DATAGRAM) {
            return error(DecodeError.TRUNCATED, length + " bytes is less than the " + MIN_DATAGRAM + "-byte minimum");
        }
        int end = start + length - CHECKSUM_BYTES;
        if (!checksumMatches(datagram, start, end)) {
            return error(DecodeError.BAD_CHECKSUM, String.format("CRC32C is %08x, trailer says %08x",
                crc(datagram, start, end), datagram.getInt(end)));
        }
        int version = datagram.get(start) & 0xFF;
        if (version != VERSION) {
            return error(DecodeError.UNKNOWN_VERSION, "version " + version + ", this implementation speaks " + VERSION);
        }
        int typeCode = datagram.get(start + 1) & 0xFF;
        PacketType type = PacketType.of(typeCode);
        if (type == null) {
            return error(DecodeError.UNKNOWN_TYPE, "type code " + typeCode);
        }
        Header h = header(datagram, start);
        int body = start + Header.BYTES;
        int bodyLength = end - body;
        return switch (type) {
            case SYN, SYN_ACK -> {
                if (bodyLength != 2) yield lengthError(type, bodyLength, 2);
                int maxPayload = datagram.getShort(body) & 0xFFFF;
                if (maxPayload < MIN_MAX_PAYLOAD) {
                    yield error(DecodeError.FIELD_OUT_OF_RANGE, type + " max payload " + maxPayload + " is below " + MIN_MAX_PAYLOAD);
                }
                yield ok(type == PacketType.SYN ? new Packet.Syn(h, maxPayload) : new Packet.SynAck(h, maxPayload));
            }
            case ACK, NACK -> {
                if (bodyLength < 1) yield lengthError(type, bodyLength, 1);
                int count = datagram.get(body) & 0xFF;
                if (bodyLength != 1 + count * SeqRange.BYTES) yield lengthError(type, bodyLength, 1 + count * SeqRange.BYTES);
                List<SeqRange> ranges = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    int rs = datagram.getInt(body + 1 + i * SeqRange.BYTES);
                    int re = datagram.getInt(body + 5 + i * SeqRange.BYTES);
                    if (!SeqRange.isValid(rs, re)) {
                        yield error(DecodeError.FIELD_OUT_OF_RANGE, type + " range " + i + " ["
                            + Integer.toUnsignedString(rs) + ", " + Integer.toUnsignedString(re)
                            + ") is empty, inverted or 2^31 long");
                    }
                    ranges.add(new SeqRange(rs, re));
                }
                yield ok(type == PacketType.ACK ? new Packet.Ack(h, ranges) : new Packet.Nack(h, ranges));
            }
            case DATA -> {
                if (bodyLength < 2) yield lengthError(type, bodyLength, 2);
                int payloadLength = datagram.getShort(body) & 0xFFFF;
                if (bodyLength != 2 + payloadLength) yield lengthError(type, bodyLength, 2 + payloadLength);
                ByteBuffer payload = datagram.slice(body + 2, payloadLength).asReadOnlyBuffer();
                yield ok(new Packet.Data(h, payload));
            }
            // Spec 6.1 rule 6: a path MTU probe's body is padding of any length (spec 9.13).
            case PROBE -> (h.flags() & Flags.PATH_MTU) != 0 ? ok(new Packet.Probe(h, bodyLength))
                : bodyLength != 0 ? lengthError(type, bodyLength, 0) : ok(new Packet.Probe(h));
            case FIN -> {
                if (bodyLength != 0) yield lengthError(type, bodyLength, 0);
                yield ok(new Packet.Fin(h));
            }
            case RST -> {
                if (bodyLength != 1) yield lengthError(type, bodyLength, 1);
                int code = datagram.get(body) & 0xFF;
                ResetReason reason = ResetReason.of(code);
                if (reason == null) yield error(DecodeError.FIELD_OUT_OF_RANGE, "RST reason code " + code);
                yield ok(new Packet.Rst(h, reason));
            }
        };
    }

    /**
     * The header fields at {@code start} (version and type aside), as they are: nothing is checked.
     * The authenticated mode demultiplexes by them before a sealed body opens (spec/AUTHENTICATED.md 5).
     *
     * @param datagram at least {@link Header#BYTES} bytes from {@code start}
     */
    public static Header header(ByteBuffer datagram, int start) {
        return new Header(datagram.get(start + 2) & 0xFF, datagram.getInt(start + 4), datagram.getInt(start + 8),
            datagram.getInt(start + 12), datagram.getInt(start + 16), datagram.getInt(start + 20),
            datagram.getInt(start + 24), datagram.getInt(start + 28));
    }

    /** Throws if {@code packet} (not DATA) has a field the wire cannot carry; checked before any byte is written. */
    private static void checkEncodable(Packet packet) {
        checkFlags(packet.header().flags());
        switch (packet) {
            case Packet.Syn s -> checkMaxPayload(s.maxPayload());
            case Packet.SynAck s -> checkMaxPayload(s.maxPayload());
            case Packet.Ack a -> checkRangeCount(a.sackRanges());
            case Packet.Nack n -> checkRangeCount(n.missingRanges());
            case Packet.Rst r -> Objects.requireNonNull(r.reason(), "RST needs a reason");
            case Packet.Fin f -> { }
            case Packet.Probe p -> checkPadding(p);
            case Packet.Data d -> throw new AssertionError("DATA is checked by encodeData");
        }
    }

    private static void checkFlags(int flags) {
        if ((flags & ~0xFF) != 0) throw new IllegalArgumentException("flags must fit in one byte: " + flags);
    }

    /** Only a path MTU probe is padded, and never beyond the largest UDP payload. */
    private static void checkPadding(Packet.Probe p) {
        boolean pathMtu = (p.header().flags() & Flags.PATH_MTU) != 0;
        if (p.padding() < 0 || p.padding() > MAX_DATAGRAM - MIN_DATAGRAM || p.padding() > 0 && !pathMtu) {
            throw new IllegalArgumentException("PROBE padding " + p.padding() + (pathMtu ? " out of range" : " without PATH_MTU"));
        }
    }

    /** Zero bytes up to the probe's size: probes are rare, so a plain loop does. */
    private static void putPadding(ByteBuffer out, int padding) {
        int end = out.position() + padding;
        while (out.position() + Long.BYTES <= end) out.putLong(0);
        while (out.position() < end) out.put((byte) 0);
    }

    private static void checkRangeCount(List<SeqRange> ranges) {
        if (ranges.size() > MAX_RANGES) {
            throw new IllegalArgumentException(ranges.size() + " ranges; at most " + MAX_RANGES + " fit the count byte");
        }
    }

    private static void putHeader(ByteBuffer out, PacketType type, int flags, int dst, int src, int seq, int ack,
                                  int window, int timestamp, int timestampEcho) {
        out.put((byte) VERSION).put((byte) type.code).put((byte) flags).put((byte) 0)
           .putInt(dst).putInt(src).putInt(seq).putInt(ack).putInt(window).putInt(timestamp).putInt(timestampEcho);
    }

    private static void putRanges(ByteBuffer out, List<SeqRange> ranges) {
        out.put((byte) ranges.size());
        for (SeqRange r : ranges) {
            out.putInt(r.start()).putInt(r.end());
        }
    }

    private static void checkMaxPayload(int maxPayload) {
        if (maxPayload < MIN_MAX_PAYLOAD || maxPayload > MAX_PAYLOAD) {
            throw new IllegalArgumentException("max payload must be " + MIN_MAX_PAYLOAD + " to " + MAX_PAYLOAD + ": " + maxPayload);
        }
    }

    private static int finish(ByteBuffer out, int start) {
        int end = out.position();
        out.putInt(crc(out, start, end));
        return out.position() - start;
    }

    /**
     * Whether the CRC32C trailer at {@code end} matches the bytes {@code [start, end)} (spec 3).
     *
     * @param end where the trailer starts: the datagram's length less {@link #CHECKSUM_BYTES}
     */
    public static boolean checksumMatches(ByteBuffer datagram, int start, int end) {
        return datagram.getInt(end) == crc(datagram, start, end);
    }

    /**
     * Writes the CRC32C of {@code [start, end)} at {@code end}, without moving the position: the
     * authenticated mode rebuilds plain packets from opened ones (spec/AUTHENTICATED.md 5).
     *
     * @return the end of the trailer: the datagram's length from {@code start}
     */
    public static int putChecksum(ByteBuffer datagram, int start, int end) {
        datagram.putInt(end, crc(datagram, start, end));
        return end + CHECKSUM_BYTES;
    }

    private static int crc(ByteBuffer buffer, int from, int to) {
        // CRC32C objects are cheap but not free; one per thread keeps encode/decode allocation-free.
        // The buffer's bounds are narrowed and restored rather than sliced, so nothing is allocated.
        CRC32C crc = CRC.get();
        crc.reset();
        int position = buffer.position();
        int limit = buffer.limit();
        buffer.limit(to).position(from);
        crc.update(buffer);
        buffer.limit(limit).position(position);
        return (int) crc.getValue();
    }

    private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);

    private static DecodeResult ok(Packet p) {
        return new DecodeResult.Ok(p);
    }

    private static DecodeResult error(DecodeError kind, String detail) {
        return new DecodeResult.Error(kind, detail);
    }

    private static DecodeResult lengthError(PacketType type, int bodyLength, int expected) {
        return bodyLength < expected
            ? error(DecodeError.TRUNCATED, type + " body is " + bodyLength + " bytes, needs " + expected)
            : error(DecodeError.FIELD_OUT_OF_RANGE, type + " body is " + bodyLength + " bytes, must be " + expected);
    }
}
