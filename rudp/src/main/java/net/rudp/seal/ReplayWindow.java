package net.rudp.seal;

/**
 * Replay protection for one direction of a sealed connection, as IPsec's (RFC 4303 3.4.3) and
 * DTLS's sliding window: the largest packet number authenticated so far, and a bitmap of the
 * {@link #SIZE} numbers at and below it. A number seen before, or older than the window, is a
 * replay (rudp never resends a packet: a retransmission is a new packet with a new number, so
 * dropping a very late one costs only what a loss costs). Also expands the 32 bits a packet
 * carries into the full 64-bit number (RFC 9000 A.3).
 */
public final class ReplayWindow {
    /** Packet numbers remembered below the largest (a power of two). */
    public static final int SIZE = 1024;

    private final long[] seen = new long[SIZE / 64];
    private long largest = -1;

    /** The largest packet number accepted so far; -1 before the first. */
    public long largest() {
        return largest;
    }

    /**
     * RFC 9000 A.3 with a 32-bit truncated number: the full number closest to largest + 1 whose
     * low 32 bits are {@code truncated}.
     */
    public long expand(int truncated) {
        long expected = largest + 1;
        long window = 1L << 32, half = window / 2;
        long candidate = (expected & ~(window - 1)) | Integer.toUnsignedLong(truncated);
        if (candidate <= expected - half && candidate < (1L << 62) - window) return candidate + window;
        if (candidate > expected + half && candidate >= window) return candidate - window;
        return candidate;
    }

    /** True if {@code pn} has not been accepted and is not older than the window. */
    public boolean isFresh(long pn) {
        if (pn < 0) return false;
        if (pn > largest) return true;
        if (pn <= largest - SIZE) return false;
        return (seen[slot(pn)] & bit(pn)) == 0;
    }

    /** Records {@code pn} as seen; call only after its packet authenticated. */
    public void accept(long pn) {
        if (pn > largest) {
            long forget = Math.min(pn - largest, SIZE);
            for (long p = pn - forget + 1; p <= pn; p++) seen[slot(p)] &= ~bit(p);
            largest = pn;
        }
        seen[slot(pn)] |= bit(pn);
    }

    private static int slot(long pn) {
        return (int) ((pn & (SIZE - 1)) >>> 6);
    }

    private static long bit(long pn) {
        return 1L << (pn & 63);
    }
}
