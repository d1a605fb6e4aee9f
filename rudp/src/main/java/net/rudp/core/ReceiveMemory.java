package net.rudp.core;

import net.rudp.ConnectionConfig;

/**
 * The receive memory budget of one endpoint (spec 10.5): every connection's received data, in
 * order and out of order, is stored in chunks from one {@link ChunkPool}, and the chunks in use
 * are counted against one budget. Out-of-order data may take chunks only while the total stays
 * within three quarters of the budget; in-order data, which the application is about to read,
 * may use all of it. Past three quarters the endpoint is <em>under pressure</em> and every
 * connection offers at most a few segments of window, as Linux clamps a socket's window to four
 * segments under {@code tcp_mem} pressure. Nothing already acknowledged is ever given back.
 */
final class ReceiveMemory {
    /** Segments of window a connection offers at most while the endpoint is under pressure. */
    static final int PRESSURE_WINDOW_SEGMENTS = 4;
    /** The share of the heap a default budget takes (spec 10.5). */
    static final int HEAP_FRACTION = 8;
    /** The smallest budget, in chunks: room for in-order data beside a full out-of-order share, so no stream can stall for want of a chunk. */
    static final int MIN_CHUNKS = 16;
    /** Spare chunks kept for reuse, in bytes at most. */
    private static final long SPARE_BYTES = 1 << 20;

    private final long budget;
    private final long outOfOrderLimit;
    private final ChunkPool pool;
    private long used;
    private long refused;

    /**
     * @param budget    bytes of chunks all connections may hold together
     * @param chunkSize bytes per chunk
     */
    ReceiveMemory(long budget, int chunkSize) {
        if (budget < chunkSize) throw new IllegalArgumentException("budget " + budget + " below one chunk of " + chunkSize);
        this.budget = budget;
        this.outOfOrderLimit = budget - budget / 4;
        long spares = Math.min(budget, SPARE_BYTES) / chunkSize;
        this.pool = new ChunkPool(chunkSize, (int) Math.min(Integer.MAX_VALUE, spares));
    }

    /**
     * The budget of an endpoint with {@code config}: its {@link ConnectionConfig#receiveMemoryBudget()},
     * or one {@link #HEAP_FRACTION}th of {@code maxHeap} if that is 0; at least {@link #MIN_CHUNKS}
     * chunks. A chunk holds one segment of the size a connection starts with ({@link
     * PathMtu#initialSegmentSize}), not of the path MTU search's ceiling: a byte at the far edge
     * of a window then costs a chunk of that size, however large datagrams may grow.
     */
    static ReceiveMemory of(ConnectionConfig config, long maxHeap) {
        return of(config, maxHeap, 1);
    }

    /** One of {@code shares} equal parts of that budget, each still at least {@link #MIN_CHUNKS} chunks. */
    static ReceiveMemory of(ConnectionConfig config, long maxHeap, int shares) {
        long budget = config.receiveMemoryBudget() > 0 ? config.receiveMemoryBudget() : maxHeap / HEAP_FRACTION;
        int chunk = PathMtu.initialSegmentSize(config);
        return new ReceiveMemory(Math.max(budget / shares, (long) MIN_CHUNKS * chunk), chunk);
    }

    int chunkSize() {
        return pool.chunkSize();
    }

    long budget() {
        return budget;
    }

    /** Bytes of chunks held by connections now. */
    long used() {
        return used;
    }

    /** Segments dropped because the budget had no room for them. */
    long refused() {
        return refused;
    }

    /** Whether out-of-order data is refused now and windows are clamped. */
    boolean underPressure() {
        return used + chunkSize() > outOfOrderLimit;
    }

    /**
     * Whether {@code chunks} more chunks fit for data that is in order or not; a refusal is
     * counted, and the caller drops the segment without acknowledging it.
     */
    boolean admits(int chunks, boolean inOrder) {
        long after = used + (long) chunks * chunkSize();
        if (after <= (inOrder ? budget : outOfOrderLimit)) return true;
        refused++;
        return false;
    }

    /** A chunk, counted as held; {@link #admits} said it fits. */
    byte[] take() {
        used += chunkSize();
        return pool.take();
    }

    /** Takes back a chunk whose bytes were read or are no longer wanted. */
    void give(byte[] chunk) {
        used -= chunkSize();
        pool.give(chunk);
    }

    /** Stops counting {@code chunks} chunks that leave the endpoint's care (their connection ended; the application may still read them). */
    void release(int chunks) {
        used -= (long) chunks * chunkSize();
    }

    /**
     * The most window a connection with a {@code capacity}-byte buffer offers now: all of it,
     * or {@link #PRESSURE_WINDOW_SEGMENTS} chunks under pressure.
     */
    long window(long capacity) {
        return underPressure() ? Math.min(capacity, (long) PRESSURE_WINDOW_SEGMENTS * chunkSize()) : capacity;
    }
}
