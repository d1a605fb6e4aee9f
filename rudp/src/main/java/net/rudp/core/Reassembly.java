package net.rudp.core;

import java.nio.ByteBuffer;

/**
 * Puts the peer's byte stream back in order (spec 9.2): holds the bytes received and not yet
 * read in chunks from the endpoint's {@link ReceiveMemory} (out-of-order data is written straight
 * to its offset, so nothing is copied twice), knows which ranges beyond the first gap arrived,
 * how far the stream is complete ({@link #rcvNxt()}), and where the peer's FIN lies. It refuses
 * what the budget has no room for, and out-of-order data that would open a range beyond
 * {@link #MAX_RANGES} (spec 10.5), so that neither memory nor the work per segment grows with
 * what a peer sends. Offsets are the peer's sequence space; byte {@code k} of the stream is
 * offset {@code 1 + k}.
 */
final class Reassembly {
    /** What became of an arriving segment. */
    enum Arrival {
        /** Nothing new: a duplicate, data beyond the window, or data beyond the FIN. */
        NOTHING_NEW,
        /** It extended the in-order stream. */
        IN_ORDER,
        /** It extended the in-order stream into data held beyond a gap: all or part of the gap is filled. */
        FILLED_GAP,
        /** It lies beyond a gap: held until the gap fills. */
        OUT_OF_ORDER,
        /** New data without room: the memory budget or the range bound refused it, and nothing of it is acknowledged. */
        REFUSED
    }

    /**
     * Out-of-order ranges a connection holds at most (spec 10.5): enough for every other segment
     * lost across 2 MiB of 1,200-byte datagrams, and a bound on the work of keeping the ranges
     * sorted (an insertion moves at most this many).
     */
    static final int MAX_RANGES = 1024;

    private final ChunkedBytes bytes;
    private final RangeSet outOfOrder = new RangeSet();
    private long readOffset = 1;
    private long rcvNxt = 1;
    private long finOffset = -1;
    private boolean finReached;
    /** Where the most recent out-of-order segment began: its range is the first SACK block (RFC 2018 4). */
    private long lastOutOfOrderStart = -1;
    private long bytesReceived;

    private final ReceiveMemory memory;

    /** @param memory the endpoint's receive memory, which the bytes held are taken from */
    Reassembly(ReceiveMemory memory) {
        this.memory = memory;
        this.bytes = new ChunkedBytes(memory, 1);
    }

    /** RCV.NXT: the next offset expected in order (past the FIN once the stream reached it). */
    long rcvNxt() {
        return rcvNxt;
    }

    /** The next offset the application reads. */
    long readOffset() {
        return readOffset;
    }

    /** Whether the in-order stream reached the peer's FIN. */
    boolean finReached() {
        return finReached;
    }

    /** The ranges received beyond the first gap. */
    RangeSet outOfOrder() {
        return outOfOrder;
    }

    long lastOutOfOrderStart() {
        return lastOutOfOrderStart;
    }

    /** Bytes held beyond the first gap. */
    long bytesBeyondGap() {
        return outOfOrder.covered();
    }

    /** Payload bytes stored at or beyond RCV.NXT (a byte held out of order and received again counts again). */
    long bytesReceived() {
        return bytesReceived;
    }

    /** In-order bytes ready to read. */
    int readable() {
        return (int) ((finReached ? finOffset : rcvNxt) - readOffset);
    }

    /** Copies ready bytes into {@code dst}; returns the count, 0 if none is ready, -1 at the end of the stream. */
    int read(ByteBuffer dst) {
        int available = readable();
        if (available == 0) return finReached ? -1 : 0;
        int n = Math.min(available, dst.remaining());
        bytes.read(readOffset, dst, n, nextHeldAfter(readOffset + n));
        readOffset += n;
        return n;
    }

    /** The lowest offset at or after {@code offset} (which is at most RCV.NXT) that holds data; {@code Long.MAX_VALUE} if none does. */
    private long nextHeldAfter(long offset) {
        if (offset < rcvNxt) return offset;
        return outOfOrder.isEmpty() ? Long.MAX_VALUE : outOfOrder.start(0);
    }

    /** Chunks of the endpoint's receive memory this stream holds. */
    int chunksHeld() {
        return bytes.chunks();
    }

    /**
     * Takes the segment {@code payload} (from its position; not empty) at offset {@code start},
     * as far as the window's right edge {@code windowRight} lets it.
     */
    Arrival accept(long start, ByteBuffer payload, long windowRight) {
        long end = start + payload.remaining();
        if (end <= rcvNxt || start >= windowRight || (finOffset >= 0 && end > finOffset)) return Arrival.NOTHING_NEW;
        long s = Math.max(start, rcvNxt);
        long e = Math.min(end, windowRight);
        if (!admits(s, e)) return Arrival.REFUSED;
        bytesReceived += e - s;
        payload.position(payload.position() + (int) (s - start));
        bytes.write(s, payload, (int) (e - s));
        if (s != rcvNxt) {
            outOfOrder.add(s, e);
            lastOutOfOrderStart = s;
            return Arrival.OUT_OF_ORDER;
        }
        rcvNxt = e;
        if (outOfOrder.isEmpty()) return Arrival.IN_ORDER;
        outOfOrder.removeBelow(rcvNxt);
        if (!outOfOrder.isEmpty() && outOfOrder.start(0) <= rcvNxt) {
            rcvNxt = outOfOrder.end(0);
            outOfOrder.removeBelow(rcvNxt);
        }
        return Arrival.FILLED_GAP;
    }

    /**
     * Spec 10.5: out-of-order data that would open a range beyond {@link #MAX_RANGES} is refused
     * (the newest, never data already acknowledged), and any data whose chunks the budget has no
     * room for.
     */
    private boolean admits(long s, long e) {
        boolean inOrder = s == rcvNxt;
        if (!inOrder && outOfOrder.size() >= MAX_RANGES && !outOfOrder.touches(s, e)) return false;
        int missing = bytes.chunksMissing(s, e);
        return missing == 0 || memory.admits(missing, inOrder);
    }

    /**
     * The connection ended: out-of-order data goes back to the pool, and what the application
     * may still read leaves the endpoint's budget.
     */
    void retire() {
        bytes.retire(finReached ? Math.min(rcvNxt, finOffset) : rcvNxt);
    }

    /**
     * The peer's FIN says the stream ends at {@code offset}: believed once, if it lies within the
     * window ({@code windowRight}) and beyond everything received.
     */
    void onFin(long offset, long windowRight) {
        if (finOffset < 0 && offset >= rcvNxt && offset <= windowRight && offset >= outOfOrder.highestEnd()) {
            finOffset = offset;
        }
    }

    /** If the in-order stream just reached the FIN, consumes it (RCV.NXT passes it) and returns true. */
    boolean consumeFin() {
        if (finReached || finOffset < 0 || rcvNxt != finOffset) return false;
        finReached = true;
        rcvNxt = finOffset + 1;
        return true;
    }

    @Override
    public String toString() {
        return "Reassembly[read " + readOffset + ", rcvNxt " + rcvNxt + ", beyond " + outOfOrder
            + (finOffset >= 0 ? ", FIN at " + finOffset : "") + "]";
    }
}
