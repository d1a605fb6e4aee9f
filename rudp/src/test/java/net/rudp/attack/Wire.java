package net.rudp.attack;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The attacker's own encoder and reader of rudp datagrams, written from spec/PROTOCOL.md
 * sections 2 and 3 alone: it does not use {@code net.rudp.wire}, so a mistake in the library's
 * codec cannot hide in the attack that is meant to find it.
 */
final class Wire {
    private Wire() {}

    static final int SYN = 1, SYN_ACK = 2, ACK = 3, DATA = 4, NACK = 5, FIN = 6, RST = 7, PROBE = 8;
    static final int HEADER = 32, CRC = 4, MIN = HEADER + CRC;
    static final int FLAG_CORRUPT_SEEN = 0x01;
    static final int RST_ABORT = 1, RST_REFUSED = 2, RST_NO_CONNECTION = 3;
    static final int OFF_TYPE = 1, OFF_FLAGS = 2, OFF_DST = 4, OFF_SRC = 8, OFF_SEQ = 12, OFF_ACK = 16,
        OFF_WINDOW = 20, OFF_TSVAL = 24, OFF_TSECR = 28;

    /** The header fields of one packet (spec 2.1); {@code body} follows the header. */
    record Fields(int type, int flags, int dst, int src, int seq, int ack, int window, int tsval, int tsecr) {
        Fields withType(int t) {
            return new Fields(t, flags, dst, src, seq, ack, window, tsval, tsecr);
        }

        Fields withTsval(int t) {
            return new Fields(type, flags, dst, src, seq, ack, window, t, tsecr);
        }
    }

    /** Header, body and a correct CRC32C trailer. */
    static byte[] packet(Fields f, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + body.length + CRC);
        b.put((byte) 1).put((byte) f.type()).put((byte) f.flags()).put((byte) 0);
        b.putInt(f.dst()).putInt(f.src()).putInt(f.seq()).putInt(f.ack()).putInt(f.window())
            .putInt(f.tsval()).putInt(f.tsecr()).put(body);
        byte[] d = b.array();
        fixCrc(d, d.length);
        return d;
    }

    static byte[] syn(int src, int isn, int maxPayload, int window, int tsval) {
        return packet(new Fields(SYN, 0, 0, src, isn, 0, window, tsval, 0), u16(maxPayload));
    }

    static byte[] data(Fields f, byte[] payload) {
        byte[] body = new byte[2 + payload.length];
        body[0] = (byte) (payload.length >>> 8);
        body[1] = (byte) payload.length;
        System.arraycopy(payload, 0, body, 2, payload.length);
        return packet(f.withType(DATA), body);
    }

    static byte[] ack(Fields f) {
        return packet(f.withType(ACK), new byte[1]);
    }

    static byte[] rst(Fields f, int reason) {
        return packet(f.withType(RST), new byte[] {(byte) reason});
    }

    static byte[] bare(Fields f) {
        return packet(f, new byte[0]);
    }

    /** Rewrites the trailer of {@code d[0, length)} to the CRC32C of the bytes before it (spec 3). */
    static void fixCrc(byte[] d, int length) {
        CRC32C crc = new CRC32C();
        crc.update(d, 0, length - CRC);
        putInt(d, length - CRC, (int) crc.getValue());
    }

    /** The SACK ranges of an ACK (spec 2.3: a count, then [start, end) pairs of u32), as {start, end} pairs in wire order. */
    static int[][] ranges(byte[] d) {
        int n = d[HEADER] & 0xFF;
        int[][] ranges = new int[n][];
        for (int i = 0; i < n; i++) ranges[i] = new int[] {u32(d, HEADER + 1 + 8 * i), u32(d, HEADER + 5 + 8 * i)};
        return ranges;
    }

    static int type(byte[] d) {
        return d[OFF_TYPE] & 0xFF;
    }

    static int u32(byte[] d, int offset) {
        return ((d[offset] & 0xFF) << 24) | ((d[offset + 1] & 0xFF) << 16) | ((d[offset + 2] & 0xFF) << 8) | (d[offset + 3] & 0xFF);
    }

    static int u16(byte[] d, int offset) {
        return ((d[offset] & 0xFF) << 8) | (d[offset + 1] & 0xFF);
    }

    static void putInt(byte[] d, int offset, int v) {
        d[offset] = (byte) (v >>> 24);
        d[offset + 1] = (byte) (v >>> 16);
        d[offset + 2] = (byte) (v >>> 8);
        d[offset + 3] = (byte) v;
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }
}
