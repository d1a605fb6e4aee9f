package net.rudp.core;

import java.util.ArrayDeque;

/**
 * Byte arrays of one size that received data is stored in ({@link ChunkedBytes}), handed out as
 * data arrives and taken back when the application has read it, keeping a bounded number of
 * spares so that a busy endpoint reuses them instead of allocating each time, and an idle one
 * gives its memory back to the heap.
 */
final class ChunkPool {
    private final int chunkSize;
    private final int maxSpares;
    private final ArrayDeque<byte[]> spares = new ArrayDeque<>();

    /**
     * @param chunkSize bytes per chunk
     * @param maxSpares chunks kept for reuse at most; the rest of what is returned goes to the garbage collector
     */
    ChunkPool(int chunkSize, int maxSpares) {
        if (chunkSize < 1) throw new IllegalArgumentException("chunk size must be positive: " + chunkSize);
        if (maxSpares < 0) throw new IllegalArgumentException("spares must not be negative: " + maxSpares);
        this.chunkSize = chunkSize;
        this.maxSpares = maxSpares;
    }

    int chunkSize() {
        return chunkSize;
    }

    /** A chunk: a spare if one is kept, else a new one. Its old contents are not cleared: every byte read was written first. */
    byte[] take() {
        byte[] c = spares.pollLast();
        return c != null ? c : new byte[chunkSize];
    }

    /** Takes {@code chunk} back; it must not be used any more. */
    void give(byte[] chunk) {
        if (chunk.length != chunkSize) throw new IllegalArgumentException("chunk of " + chunk.length + " bytes, pool holds " + chunkSize);
        if (spares.size() < maxSpares) spares.addLast(chunk);
    }

    /** Chunks kept for reuse now. */
    int spares() {
        return spares.size();
    }
}
