package net.rudp.core;

/**
 * The window this side advertises (spec 10.1, 10.3): its right edge moves only in steps of at
 * least min(buffer / 2, one segment), the receiver's silly-window avoidance (RFC 9293
 * 3.8.6.2.2), and a window update earns a packet of its own only when the window the peer knows
 * has fallen below half the buffer. While the endpoint's receive memory is under pressure the
 * edge moves no further than a few segments past the read position (spec 10.5).
 */
final class ReceiveWindow {
    private final Reassembly stream;
    private final ReceiveMemory memory;
    private final long capacity;
    private int mss;
    private long right;

    /**
     * @param capacity the receive buffer; the window's edge starts there, past the SYN (nearer
     *                 while the endpoint's memory is under pressure)
     * @param mss      the connection's segment size until the handshake settles it
     */
    ReceiveWindow(Reassembly stream, ReceiveMemory memory, int capacity, int mss) {
        this.stream = stream;
        this.memory = memory;
        this.capacity = capacity;
        this.mss = mss;
        this.right = 1 + memory.window(capacity);
    }

    /** The handshake settled the connection's segment size. */
    void segmentSize(int segmentSize) {
        mss = segmentSize;
    }

    /** The right edge last advertised (RCV.NXT + RCV.WND): nothing at or beyond it is accepted. */
    long right() {
        return right;
    }

    /** The window the peer knows: from RCV.NXT to the edge advertised. */
    long known() {
        return Math.max(0, right - stream.rcvNxt());
    }

    /**
     * The window to put in a packet now: the edge moves to the buffer's free space when that grew
     * by at least a step, else stays.
     */
    int advertise() {
        long free = freeEdge();
        if (free - right >= step()) right = free;
        return (int) known();
    }

    /** Whether reading freed enough to announce at once (a window update on its own). */
    boolean updateWorthSending() {
        long growth = freeEdge() - right;
        return right - stream.rcvNxt() < capacity / 2 && growth >= step();
    }

    /** Where the edge may move: the buffer's end past the read position, nearer under memory pressure. */
    private long freeEdge() {
        return stream.readOffset() + memory.window(capacity);
    }

    /** RFC 9293 3.8.6.2.2's step: "min(Fr * RCV.BUFF, Eff.snd.MSS)" with Fr = 1/2. */
    private long step() {
        return Math.min(capacity / 2, mss);
    }
}
