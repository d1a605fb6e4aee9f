package net.rudp.core;

/**
 * The sender's scoreboard: every segment sent and not yet cumulatively acknowledged, in sequence
 * order, with what loss detection and delivery-rate estimation need to know about it. Segment
 * boundaries are fixed when a segment is first sent; a retransmission resends the same range.
 *
 * <p>Segments are numbered from 0 upward for the life of the connection; the queue keeps the
 * numbers {@code [head, tail)} in parallel primitive arrays used as a ring, so tracking a segment
 * allocates nothing.
 */
final class RetransmissionQueue {
    /** Selectively acknowledged: delivered, but not yet covered by the cumulative ACK. */
    static final int SACKED = 1;
    /** Declared lost and not yet retransmitted: not in flight. */
    static final int LOST = 1 << 1;
    /** Sent more than once: an ACK for it is ambiguous without timestamps. */
    static final int RETRANSMITTED = 1 << 2;
    /** Carries the FIN (one sequence number, no payload). */
    static final int FIN = 1 << 3;
    /** Was sent while the application, not the window, limited sending. */
    static final int APP_LIMITED = 1 << 4;
    /** The last transmission was a tail-loss probe, not a loss repair: its delivery undoes nothing. */
    static final int PROBE = 1 << 5;

    private long[] start = new long[64];
    private int[] length = new int[64];
    private long[] sentTime = new long[64];
    private long[] deliveredAtSend = new long[64];
    private long[] deliveredTimeAtSend = new long[64];
    private long[] firstSentTimeAtSend = new long[64];
    private byte[] flags = new byte[64];
    private int mask = 63;
    private long head;
    private long tail;

    long head() {
        return head;
    }

    long tail() {
        return tail;
    }

    boolean isEmpty() {
        return head == tail;
    }

    /** Appends a segment; returns its number. */
    long add(long startOffset, int len, int segmentFlags, long now, long delivered, long deliveredTime, long firstSentTime) {
        if (tail - head == start.length) grow();
        int i = (int) (tail & mask);
        start[i] = startOffset;
        length[i] = len;
        sentTime[i] = now;
        flags[i] = (byte) segmentFlags;
        deliveredAtSend[i] = delivered;
        deliveredTimeAtSend[i] = deliveredTime;
        firstSentTimeAtSend[i] = firstSentTime;
        return tail++;
    }

    /** Records a retransmission of segment {@code seg} at {@code now}. */
    void retransmitted(long seg, long now, long delivered, long deliveredTime, long firstSentTime) {
        int i = (int) (seg & mask);
        sentTime[i] = now;
        flags[i] = (byte) ((flags[i] & ~(LOST | PROBE)) | RETRANSMITTED);
        deliveredAtSend[i] = delivered;
        deliveredTimeAtSend[i] = deliveredTime;
        firstSentTimeAtSend[i] = firstSentTime;
    }

    /** Drops the head segment (it was cumulatively acknowledged). */
    void removeHead() {
        head++;
    }

    long start(long seg) { return start[(int) (seg & mask)]; }
    int length(long seg) { return length[(int) (seg & mask)]; }
    long end(long seg) { return start(seg) + length(seg); }
    long sentTime(long seg) { return sentTime[(int) (seg & mask)]; }
    long deliveredAtSend(long seg) { return deliveredAtSend[(int) (seg & mask)]; }
    long deliveredTimeAtSend(long seg) { return deliveredTimeAtSend[(int) (seg & mask)]; }
    long firstSentTimeAtSend(long seg) { return firstSentTimeAtSend[(int) (seg & mask)]; }
    boolean has(long seg, int flag) { return (flags[(int) (seg & mask)] & flag) != 0; }
    void set(long seg, int flag) { flags[(int) (seg & mask)] |= (byte) flag; }
    void clear(long seg, int flag) { flags[(int) (seg & mask)] &= (byte) ~flag; }

    /** The segment containing stream offset {@code offset}, or -1 if none in the queue does. */
    long find(long offset) {
        long lo = head;
        long hi = tail - 1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            if (end(mid) <= offset) lo = mid + 1;
            else if (start(mid) > offset) hi = mid - 1;
            else return mid;
        }
        return -1;
    }

    private void grow() {
        int n = start.length;
        int h = (int) (head & mask);
        start = regrow(start, h, n);
        sentTime = regrow(sentTime, h, n);
        deliveredAtSend = regrow(deliveredAtSend, h, n);
        deliveredTimeAtSend = regrow(deliveredTimeAtSend, h, n);
        firstSentTimeAtSend = regrow(firstSentTimeAtSend, h, n);
        int[] l = new int[2 * n];
        byte[] f = new byte[2 * n];
        for (int k = 0; k < n; k++) {
            int to = (int) ((head + k) & (2 * n - 1));
            l[to] = length[(h + k) & mask];
            f[to] = flags[(h + k) & mask];
        }
        length = l;
        flags = f;
        mask = 2 * n - 1;
    }

    /** A ring of {@code n} longs starting at index {@code h}, re-laid into a ring twice the size. */
    private long[] regrow(long[] old, int h, int n) {
        long[] bigger = new long[2 * n];
        for (int k = 0; k < n; k++) {
            bigger[(int) ((head + k) & (2 * n - 1))] = old[(h + k) & mask];
        }
        return bigger;
    }

    @Override
    public String toString() {
        return "RetransmissionQueue[" + head + ", " + tail + ")";
    }
}
