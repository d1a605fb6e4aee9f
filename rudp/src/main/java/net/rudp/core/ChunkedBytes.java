package net.rudp.core;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The received stream's bytes by 64-bit offset, stored in chunks from the endpoint's
 * {@link ReceiveMemory} that exist only where data arrived: chunk {@code k} holds the offsets
 * {@code [origin + k * size, origin + (k + 1) * size)}. Memory is proportional to the chunks
 * data touched, not to the span between the oldest unread byte and the highest received, so a
 * byte at the far edge of the window costs one chunk. Chunks are kept in a sorted array; bytes
 * move with bulk copies, a chunk at a time.
 *
 * <p>Which offsets hold valid data is the owner's business ({@link Reassembly}).
 */
final class ChunkedBytes {
    private static final long[] NO_KEYS = {};
    private static final byte[][] NO_CHUNKS = {};

    private final ReceiveMemory memory;
    private final int size;
    private final long origin;
    /** Chunk numbers and chunks, sorted by number, live in {@code [head, tail)}. */
    private long[] keys = NO_KEYS;
    private byte[][] chunks = NO_CHUNKS;
    private int head;
    private int tail;
    /** The connection ended: chunks still held are no longer counted against the budget. */
    private boolean retired;

    /** @param origin the first offset of the stream: full-sized segments then fill whole chunks */
    ChunkedBytes(ReceiveMemory memory, long origin) {
        this.memory = memory;
        this.size = memory.chunkSize();
        this.origin = origin;
    }

    /** Chunks held now. */
    int chunks() {
        return tail - head;
    }

    /** How many chunks writing {@code [start, end)} would add. */
    int chunksMissing(long start, long end) {
        long first = key(start);
        long last = key(end - 1);
        int i = firstAtOrAbove(first);
        int missing = 0;
        for (long k = first; k <= last; k++) {
            if (i < tail && keys[i] == k) i++;
            else missing++;
        }
        return missing;
    }

    /**
     * Copies {@code length} bytes from {@code src} (at its position, which advances) to
     * {@code offset}, taking the chunks that are missing; {@link #chunksMissing} and the budget
     * said they may be taken.
     */
    void write(long offset, ByteBuffer src, int length) {
        int i = firstAtOrAbove(key(offset));
        while (length > 0) {
            long k = key(offset);
            if (i == tail || keys[i] != k) i = insert(i, k);
            int at = (int) (offset - origin - k * size);
            int n = Math.min(length, size - at);
            src.get(chunks[i], at, n);
            offset += n;
            length -= n;
            i++;
        }
    }

    /**
     * Copies {@code length} bytes at {@code offset} into {@code dst} (at its position, which
     * advances), then gives back every chunk wholly below {@code nextHeld}, the lowest offset at
     * or after the read position that holds data: bytes below the read position are never read
     * again, so a stream read to its end holds no chunk, even one only partly written.
     */
    void read(long offset, ByteBuffer dst, int length, long nextHeld) {
        long end = offset + length;
        int i = firstAtOrAbove(key(offset));
        while (offset < end) {
            if (i == tail || keys[i] != key(offset)) {
                throw new IllegalStateException("no chunk holds offset " + offset + ": reading beyond the data held");
            }
            int at = (int) (offset - origin - keys[i] * size);
            int n = (int) Math.min(end - offset, size - at);
            dst.put(chunks[i], at, n);
            offset += n;
            i++;
        }
        freeBelow(key(Math.max(end, nextHeld)));
    }

    /**
     * The connection ended: chunks from {@code unreadable} on (data that can never be read) go
     * back to the pool; the rest stay for the application to read but leave the budget.
     */
    void retire(long unreadable) {
        if (retired) return;
        retired = true;
        int keep = firstAtOrAbove(key(Math.max(unreadable, origin) + size - 1));
        for (int i = keep; i < tail; i++) {
            memory.give(chunks[i]);
            chunks[i] = null;
        }
        memory.release(keep - head);
        tail = keep;
    }

    private void freeBelow(long k) {
        while (head < tail && keys[head] < k) {
            if (!retired) memory.give(chunks[head]);
            chunks[head++] = null;
        }
        if (head == tail) {
            // An idle connection holds no chunk and no array of them either.
            head = tail = 0;
            keys = NO_KEYS;
            chunks = NO_CHUNKS;
        }
    }

    /** Inserts a new chunk numbered {@code k} before index {@code i}; returns its index. */
    private int insert(int i, long k) {
        if (tail == keys.length) {
            int live = tail - head;
            int capacity = live < keys.length / 2 ? keys.length : Math.max(4, keys.length * 2);
            long[] newKeys = capacity == keys.length ? keys : new long[capacity];
            byte[][] newChunks = capacity == chunks.length ? chunks : new byte[capacity][];
            System.arraycopy(keys, head, newKeys, 0, live);
            System.arraycopy(chunks, head, newChunks, 0, live);
            if (newChunks == chunks) Arrays.fill(chunks, live, tail, null);
            keys = newKeys;
            chunks = newChunks;
            i -= head;
            head = 0;
            tail = live;
        }
        System.arraycopy(keys, i, keys, i + 1, tail - i);
        System.arraycopy(chunks, i, chunks, i + 1, tail - i);
        keys[i] = k;
        chunks[i] = memory.take();
        tail++;
        return i;
    }

    /** Index of the first chunk numbered {@code k} or higher; the last chunk is checked first, as data mostly arrives in order. */
    private int firstAtOrAbove(long k) {
        if (head == tail || keys[tail - 1] < k) return tail;
        int lo = head;
        int hi = tail - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < k) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private long key(long offset) {
        return Math.floorDiv(offset - origin, size);
    }
}
