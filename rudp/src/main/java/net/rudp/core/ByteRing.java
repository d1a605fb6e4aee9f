package net.rudp.core;

import java.nio.ByteBuffer;

/**
 * Bytes of a stream addressed by their absolute 64-bit offset, stored in a ring that is
 * allocated at the first write, grows (in powers of two) up to a limit and is given back when its
 * owner holds nothing in it ({@link #release}): the send buffer's
 * bytes from the oldest unacknowledged to the newest written. (Received data is held in chunks
 * instead, {@link ChunkedBytes}, so that a byte far ahead does not make the ring span the window.)
 *
 * <p>The ring only stores bytes; which offsets hold valid data is the owner's business.
 */
final class ByteRing {
    private static final int INITIAL_CAPACITY = 16 * 1024;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final int maxCapacity;
    private final int initialCapacity;
    /** Empty until the first write: a connection that never sends holds no ring. */
    private ByteBuffer ring = EMPTY;
    private int mask;

    ByteRing(int maxCapacity) {
        if (maxCapacity < 1) throw new IllegalArgumentException("capacity must be positive: " + maxCapacity);
        this.maxCapacity = maxCapacity;
        this.initialCapacity = Math.min(INITIAL_CAPACITY, Integer.highestOneBit(maxCapacity - 1 | 1) << 1);
    }

    /**
     * Makes room for the span {@code [base, base + length)}; {@code base} is the oldest offset
     * whose bytes must survive the growth.
     */
    void ensureSpan(long base, long liveEnd, int length) {
        if (length > maxCapacity) throw new IllegalArgumentException("span " + length + " exceeds " + maxCapacity);
        if (length <= ring.capacity() && ring != EMPTY) return;
        int newCapacity = Math.max(ring.capacity(), initialCapacity);
        while (newCapacity < length) newCapacity <<= 1;
        ByteBuffer bigger = ByteBuffer.allocate(newCapacity);
        int newMask = newCapacity - 1;
        // Copy the live bytes [base, liveEnd) to their places in the bigger ring.
        for (long offset = base; offset < liveEnd; ) {
            int from = (int) (offset & mask);
            int to = (int) (offset & newMask);
            int n = (int) Math.min(liveEnd - offset, Math.min(ring.capacity() - from, newCapacity - to));
            bigger.put(to, ring, from, n);
            offset += n;
        }
        ring = bigger;
        mask = newMask;
    }

    /**
     * Gives the ring back to the collector; the owner holds no live bytes in it any more. The next
     * {@link #ensureSpan} allocates a ring of the initial size again.
     */
    void release() {
        ring = EMPTY;
        mask = 0;
    }

    /** Whether a ring is allocated (none before the first write and after {@link #release}). */
    boolean isAllocated() {
        return ring != EMPTY;
    }

    /** Copies {@code length} bytes from {@code src} (at its position, which advances) to {@code offset}. */
    void write(long offset, ByteBuffer src, int length) {
        while (length > 0) {
            int at = (int) (offset & mask);
            int n = Math.min(length, ring.capacity() - at);
            ring.put(at, src, src.position(), n);
            src.position(src.position() + n);
            offset += n;
            length -= n;
        }
    }

    /** Copies {@code length} bytes at {@code offset} into {@code dst} (at its position, which advances). */
    void read(long offset, ByteBuffer dst, int length) {
        while (length > 0) {
            int at = (int) (offset & mask);
            int n = Math.min(length, ring.capacity() - at);
            dst.put(dst.position(), ring, at, n);
            dst.position(dst.position() + n);
            offset += n;
            length -= n;
        }
    }

    /** The backing buffer, for zero-copy sends of a span that does not wrap. */
    ByteBuffer backing() {
        return ring;
    }

    /** Where {@code offset} lives in {@link #backing()}. */
    int index(long offset) {
        return (int) (offset & mask);
    }

    /** Whether {@code [offset, offset + length)} is contiguous in {@link #backing()}. */
    boolean contiguous(long offset, int length) {
        return index(offset) + length <= ring.capacity();
    }
}
