package net.rudp.core;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The bytes one evaluation flow carries: its 8-byte seed (big-endian), then a random block of
 * {@link #PERIOD} bytes drawn from that seed, repeated for as long as the flow lasts. The
 * receiver learns the seed from the stream itself, so it can check every byte it reads without
 * either side keeping what was sent, and a flow's bytes never pass for another flow's. The
 * period is prime, so it never lines up with segment or buffer sizes: a segment delivered at
 * the wrong offset reads as different bytes.
 */
final class EvalPattern {
    /** Length of the repeated block; prime. */
    static final int PERIOD = 65_521;
    /** The seed that starts every stream. */
    static final int HEADER_BYTES = Long.BYTES;

    private final long seed;
    private final byte[] header = new byte[HEADER_BYTES];
    private final byte[] block = new byte[PERIOD];

    EvalPattern(long seed) {
        this.seed = seed;
        ByteBuffer.wrap(header).putLong(seed);
        new SplittableRandom(seed).nextBytes(block);
    }

    long seed() {
        return seed;
    }

    /** Up to {@code max} bytes of the stream from {@code offset} on (at least one), as a buffer to write from. */
    ByteBuffer bytesAt(long offset, int max) {
        if (offset < HEADER_BYTES) {
            int at = (int) offset;
            return ByteBuffer.wrap(header, at, Math.min(max, HEADER_BYTES - at));
        }
        int at = blockIndex(offset);
        return ByteBuffer.wrap(block, at, Math.min(max, PERIOD - at));
    }

    /**
     * Where {@code b[from, from + length)}, read at stream offset {@code offset} (past the header),
     * first differs from the stream: a stream offset, or -1 when every byte is right.
     */
    long firstMismatch(long offset, byte[] b, int from, int length) {
        int done = 0;
        while (done < length) {
            int at = blockIndex(offset + done);
            int n = Math.min(length - done, PERIOD - at);
            int i = Arrays.mismatch(b, from + done, from + done + n, block, at, at + n);
            if (i >= 0) return offset + done + i;
            done += n;
        }
        return -1;
    }

    private static int blockIndex(long offset) {
        return (int) ((offset - HEADER_BYTES) % PERIOD);
    }
}
