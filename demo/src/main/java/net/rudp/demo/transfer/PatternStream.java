package net.rudp.demo.transfer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An endless, seeded pseudo-random byte stream that both ends of a transfer can produce on their
 * own: the sender sends it, the receiver regenerates it and compares every byte, so a lost,
 * duplicated, reordered or corrupted byte anywhere is caught without shipping a checksum.
 *
 * <p>Counter based: the 8 bytes at {@code 8*i} are SplitMix64's output for {@code seed + i*gamma}
 * (little-endian), so any position can be produced directly and filling is fast (no state chain).
 */
public final class PatternStream {
    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;

    public PatternStream(long seed) {
        this.seed = seed;
    }

    /** Writes stream bytes {@code [position, position+len)} into {@code dst[off..off+len)}. */
    public void fill(long position, byte[] dst, int off, int len) {
        int i = 0;
        while (i < len && ((position + i) & 7) != 0) {
            dst[off + i] = byteAt(position + i);
            i++;
        }
        for (; i + 8 <= len; i += 8) {
            LONGS.set(dst, off + i, word((position + i) >>> 3));
        }
        for (; i < len; i++) {
            dst[off + i] = byteAt(position + i);
        }
    }

    /** The stream's byte at {@code position}. */
    public byte byteAt(long position) {
        return (byte) (word(position >>> 3) >>> (8 * (position & 7)));
    }

    private long word(long index) {
        long z = seed + index * GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Checks received bytes against the stream, in arrival order.
     * Not thread-safe: one per receiving connection.
     */
    public final class Verifier {
        private byte[] expected = new byte[0];
        private long position;
        private long firstMismatch = -1;

        /** Compares {@code data[off..off+len)} with the stream's next {@code len} bytes. */
        public void accept(byte[] data, int off, int len) {
            if (expected.length < len) {
                expected = new byte[len];
            }
            fill(position, expected, 0, len);
            int at = Arrays.mismatch(data, off, off + len, expected, 0, len);
            if (at >= 0 && firstMismatch < 0) {
                firstMismatch = position + at;
            }
            position += len;
        }

        /** How many bytes were checked. */
        public long position() {
            return position;
        }

        /** The stream offset of the first wrong byte, or -1 while all were right. */
        public long firstMismatch() {
            return firstMismatch;
        }
    }

    /** SHA-256 of the stream's first {@code size} bytes, in hex: what a receiver's digest must be. */
    public String sha256(long size) {
        MessageDigest digest = sha256();
        byte[] chunk = new byte[BulkTransfer.CHUNK];
        for (long at = 0; at < size; ) {
            int n = (int) Math.min(chunk.length, size - at);
            fill(at, chunk, 0, n);
            digest.update(chunk, 0, n);
            at += n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** A fresh verifier starting at position 0. */
    public Verifier verifier() {
        return new Verifier();
    }
}
