package net.rudp.core;

import java.nio.ByteBuffer;

/**
 * A bulk receiver: reads everything as soon as it arrives, learns the flow's {@link EvalPattern}
 * from the stream's first bytes, checks every byte against it, and closes at the end of the stream.
 */
final class EvalReceiver extends EvalApp {
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private long received;
    private long seed;
    private EvalPattern pattern;
    private long firstMismatch = -1;
    private long endOfStreamNanos = -1;

    /** Stream bytes read so far, the seed included. */
    long received() {
        return received;
    }

    /** The flow's pattern, once its seed has arrived; else null. */
    EvalPattern pattern() {
        return pattern;
    }

    /** The stream offset of the first byte that differed from the pattern, or -1. */
    long firstMismatch() {
        return firstMismatch;
    }

    /** When the end of the stream was read, or -1. */
    long endOfStreamNanos() {
        return endOfStreamNanos;
    }

    @Override
    public void step(long now) {
        Connection c = connection();
        if (c == null || c.error() != null || endOfStreamNanos >= 0) return;
        while (true) {
            int n = c.read(buffer.clear());
            if (n == 0) return;
            if (n < 0) {
                endOfStreamNanos = now;
                c.close();
                return;
            }
            check(buffer.array(), n);
        }
    }

    private void check(byte[] b, int n) {
        int i = 0;
        for (; i < n && received < EvalPattern.HEADER_BYTES; i++, received++) seed = seed << 8 | (b[i] & 0xFF);
        if (pattern == null && received == EvalPattern.HEADER_BYTES) pattern = new EvalPattern(seed);
        if (i == n) return;
        long bad = pattern.firstMismatch(received, b, i, n - i);
        if (bad >= 0 && firstMismatch < 0) firstMismatch = bad;
        received += n - i;
    }
}
