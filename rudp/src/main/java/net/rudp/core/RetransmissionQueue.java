package net.rudp.core;

/**
 * The sender's scoreboard: every segment sent and not yet cumulatively acknowledged, in sequence
 * order, with its state (SACKed, lost, retransmitted) and the running totals that follow from
 * those states (bytes in flight, SACKed, lost and retransmitted segments), so that no caller
 * counts them by hand. Segment boundaries are fixed when a segment is first sent; a
 * retransmission resends the same range.
 *
 * <p>Segments are numbered from 0 upward for the life of the connection; the queue keeps the
 * numbers {@code [head, tail)} in parallel primitive arrays used as a ring, so tracking a segment
 * allocates nothing. A segment is in flight while it is neither SACKed nor lost.
 *
 * <p>Besides sequence order, the segments in flight are linked in the order of their last
 * transmission (RACK's time-ordered view, RFC 8985 6.2, as Linux's {@code tsorted_sent_queue}),
 * and the queue knows its {@value LossDetector#DUP_THRESH} highest SACKed segments: loss
 * detection then visits only the segments it may declare lost, not the whole queue on every ACK.
 * Both views assume the connection's clock never runs backwards.
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

    private static final int INITIAL_CAPACITY = 64;
    private static final long NONE = -1;

    private static final long[] NO_LONGS = {};
    private static final int[] NO_INTS = {};
    private static final byte[] NO_BYTES = {};

    // Parallel rings indexed by segment number & mask; empty until the first segment is added,
    // and again after release() (an idle connection holds no scoreboard).
    private long[] start = NO_LONGS;
    private int[] length = NO_INTS;
    private long[] sentTime = NO_LONGS;
    private long[] deliveredAtSend = NO_LONGS;
    private long[] deliveredTimeAtSend = NO_LONGS;
    private long[] firstSentTimeAtSend = NO_LONGS;
    private byte[] flags = NO_BYTES;
    private long[] sentBefore = NO_LONGS;
    private long[] sentAfter = NO_LONGS;
    private int mask;
    private long head;
    private long tail;

    private long bytesInFlight;
    private int sackedSegments;
    private int lostSegments;
    private int retransmittedSegments;
    /** No segment below this one is lost: where the search for the first lost segment starts. */
    private long lostCursor;
    /** The stream offsets of the SACKed segments, so that a SACK block skips what it already covered. */
    private final RangeSet sackedOffsets = new RangeSet();
    /** The segments in flight, least recently (re)sent first. */
    private long oldestSent = NONE;
    private long newestSent = NONE;
    /** The highest SACKed segments, highest first ({@code highestSackedCount} of them valid). */
    private final long[] highestSacked = new long[LossDetector.DUP_THRESH];
    private int highestSackedCount;

    long head() {
        return head;
    }

    long tail() {
        return tail;
    }

    boolean isEmpty() {
        return head == tail;
    }

    /** Segments in the queue. */
    long size() {
        return tail - head;
    }

    /** Bytes of the segments in flight (neither SACKed nor lost). */
    long bytesInFlight() {
        return bytesInFlight;
    }

    int sackedSegments() {
        return sackedSegments;
    }

    int lostSegments() {
        return lostSegments;
    }

    /** Segments in the queue that were sent more than once. */
    int retransmittedSegments() {
        return retransmittedSegments;
    }

    /**
     * Appends a segment sent for the first time (it is in flight from now on) with the
     * delivery-rate state at its send; returns its number.
     */
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
        bytesInFlight += len;
        appendSent(tail);
        return tail++;
    }

    /**
     * Records a retransmission of segment {@code seg} at {@code now}: of a lost segment (it is in
     * flight again), or a tail-loss probe of one still in flight (marked {@link #PROBE}). Returns
     * whether it repaired a loss.
     */
    boolean retransmitted(long seg, long now, long delivered, long deliveredTime, long firstSentTime) {
        int i = (int) (seg & mask);
        boolean repair = (flags[i] & LOST) != 0;
        if (repair) {
            lostSegments--;
            bytesInFlight += length[i];
        } else {
            unlinkSent(seg);
        }
        appendSent(seg);
        if ((flags[i] & RETRANSMITTED) == 0) retransmittedSegments++;
        sentTime[i] = now;
        flags[i] = (byte) ((flags[i] & ~(LOST | PROBE)) | RETRANSMITTED | (repair ? 0 : PROBE));
        deliveredAtSend[i] = delivered;
        deliveredTimeAtSend[i] = deliveredTime;
        firstSentTimeAtSend[i] = firstSentTime;
        return repair;
    }

    /** Declares segment {@code seg} (in flight) lost: it leaves the flight until retransmitted. */
    void markLost(long seg) {
        int i = (int) (seg & mask);
        flags[i] |= LOST;
        bytesInFlight -= length[i];
        lostSegments++;
        unlinkSent(seg);
        if (seg < lostCursor) lostCursor = seg;
    }

    /** Segment {@code seg} (not yet SACKed) was selectively acknowledged; a lost one is no longer lost. */
    void markSacked(long seg) {
        int i = (int) (seg & mask);
        if ((flags[i] & LOST) != 0) {
            lostSegments--;
        } else {
            bytesInFlight -= length[i];
            unlinkSent(seg);
        }
        flags[i] = (byte) ((flags[i] & ~LOST) | SACKED);
        sackedSegments++;
        sackedOffsets.add(start[i], start[i] + length[i]);
        rankSacked(seg);
    }

    /** Drops the head segment: the cumulative ACK covers it. */
    void removeHead() {
        int i = (int) (head & mask);
        if ((flags[i] & SACKED) != 0) {
            sackedSegments--;
            // The lowest SACKed segments leave first, so a ranked one leaves from the bottom.
            if (highestSackedCount > 0 && highestSacked[highestSackedCount - 1] == head) highestSackedCount--;
        } else if ((flags[i] & LOST) == 0) {
            bytesInFlight -= length[i];
            unlinkSent(head);
        }
        if ((flags[i] & RETRANSMITTED) != 0) retransmittedSegments--;
        if ((flags[i] & LOST) != 0) lostSegments--;
        head++;
        if (head == tail) sackedOffsets.removeBelow(Long.MAX_VALUE);
        else sackedOffsets.removeBelow(start(head));
    }

    /** The lowest lost segment, or -1 if none is lost. */
    long firstLost() {
        if (lostSegments == 0) return -1;
        long seg = Math.max(lostCursor, head);
        while (!has(seg, LOST)) seg++;
        lostCursor = seg;
        return seg;
    }

    /**
     * The highest segment in flight, or -1 if none is: what a tail-loss probe resends. (A scan
     * from the tail, which stops at once unless the tail was SACKed; it runs only when the
     * probe timer fires.)
     */
    long lastInFlight() {
        for (long seg = tail - 1; seg >= head; seg--) {
            if (!has(seg, SACKED | LOST)) return seg;
        }
        return -1;
    }

    /** The segment in flight that was (re)sent least recently, or -1 if none is in flight. */
    long oldestInFlight() {
        return oldestSent;
    }

    /** The segment in flight (re)sent next after {@code seg}, which is in flight; -1 after the newest. */
    long nextInFlight(long seg) {
        return sentAfter[(int) (seg & mask)];
    }

    /**
     * The {@value LossDetector#DUP_THRESH}-th highest SACKed segment, or -1 while fewer are
     * SACKed: every segment below it has at least that many SACKed above (RFC 6675 IsLost).
     */
    long dupThreshBoundary() {
        return highestSackedCount == highestSacked.length ? highestSacked[highestSackedCount - 1] : NONE;
    }

    /** The first segment at or after {@code seg} that is not SACKED ({@link #tail()} if none). */
    long skipSacked(long seg) {
        if (seg >= tail || !has(seg, SACKED)) return seg;
        long end = sackedOffsets.endOfRangeContaining(start(seg));
        long next = find(end);
        return next < 0 ? tail : next;
    }

    long start(long seg) { return start[(int) (seg & mask)]; }
    int length(long seg) { return length[(int) (seg & mask)]; }
    long end(long seg) { return start(seg) + length(seg); }
    long sentTime(long seg) { return sentTime[(int) (seg & mask)]; }
    long deliveredAtSend(long seg) { return deliveredAtSend[(int) (seg & mask)]; }
    long deliveredTimeAtSend(long seg) { return deliveredTimeAtSend[(int) (seg & mask)]; }
    long firstSentTimeAtSend(long seg) { return firstSentTimeAtSend[(int) (seg & mask)]; }
    boolean has(long seg, int flag) { return (flags[(int) (seg & mask)] & flag) != 0; }

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

    /**
     * Whether the running totals and both views match a recount of the segments' states (the
     * flow- and congestion-control invariant rests on them; tests run with {@code -ea}).
     * Linear: for assertions only.
     */
    boolean isConsistent() {
        long inFlight = 0;
        int inFlightSegments = 0;
        int sacked = 0;
        int lost = 0;
        int retransmitted = 0;
        for (long seg = tail - 1; seg >= head; seg--) {
            if (!has(seg, SACKED | LOST)) {
                inFlight += length(seg);
                inFlightSegments++;
            }
            if (has(seg, SACKED)) {
                if (sacked < highestSacked.length && (sacked >= highestSackedCount || highestSacked[sacked] != seg)) return false;
                sacked++;
            }
            if (has(seg, LOST)) lost++;
            if (has(seg, RETRANSMITTED)) retransmitted++;
        }
        return inFlight == bytesInFlight && sacked == sackedSegments && lost == lostSegments
            && retransmitted == retransmittedSegments && Math.min(sacked, highestSacked.length) == highestSackedCount
            && sendOrderHolds(inFlightSegments);
    }

    /** The send-order list holds exactly the {@code n} segments in flight, by non-decreasing send time. */
    private boolean sendOrderHolds(int n) {
        long previous = Long.MIN_VALUE;
        long last = NONE;
        for (long seg = oldestSent; seg != NONE; seg = nextInFlight(seg)) {
            if (seg < head || seg >= tail || has(seg, SACKED | LOST) || sentTime(seg) < previous || n-- == 0) return false;
            previous = sentTime(seg);
            last = seg;
        }
        return n == 0 && last == newestSent;
    }

    private void appendSent(long seg) {
        int i = (int) (seg & mask);
        sentBefore[i] = newestSent;
        sentAfter[i] = NONE;
        if (newestSent == NONE) oldestSent = seg;
        else sentAfter[(int) (newestSent & mask)] = seg;
        newestSent = seg;
    }

    private void unlinkSent(long seg) {
        int i = (int) (seg & mask);
        long before = sentBefore[i];
        long after = sentAfter[i];
        if (before == NONE) oldestSent = after;
        else sentAfter[(int) (before & mask)] = after;
        if (after == NONE) newestSent = before;
        else sentBefore[(int) (after & mask)] = before;
    }

    /** Keeps {@code seg}, newly SACKed, among the highest SACKed segments if it is one. */
    private void rankSacked(long seg) {
        int k = highestSackedCount;
        if (k == highestSacked.length) {
            if (seg < highestSacked[k - 1]) return;
            k--; // the lowest ranked one drops out
        }
        while (k > 0 && highestSacked[k - 1] < seg) {
            highestSacked[k] = highestSacked[k - 1];
            k--;
        }
        highestSacked[k] = seg;
        if (highestSackedCount < highestSacked.length) highestSackedCount++;
    }

    /**
     * Gives the rings back to the collector; the queue must be empty. The next {@link #add}
     * allocates rings of the initial size again.
     */
    void release() {
        if (!isEmpty()) throw new IllegalStateException("segments still queued: " + this);
        start = sentTime = deliveredAtSend = deliveredTimeAtSend = firstSentTimeAtSend = sentBefore = sentAfter = NO_LONGS;
        length = NO_INTS;
        flags = NO_BYTES;
        mask = 0;
    }

    /** Whether rings are allocated (none before the first segment and after {@link #release}). */
    boolean isAllocated() {
        return start.length > 0;
    }

    private void grow() {
        int n = start.length;
        int capacity = n == 0 ? INITIAL_CAPACITY : 2 * n;
        int h = (int) (head & mask);
        start = regrow(start, h, n, capacity);
        sentTime = regrow(sentTime, h, n, capacity);
        deliveredAtSend = regrow(deliveredAtSend, h, n, capacity);
        deliveredTimeAtSend = regrow(deliveredTimeAtSend, h, n, capacity);
        firstSentTimeAtSend = regrow(firstSentTimeAtSend, h, n, capacity);
        sentBefore = regrow(sentBefore, h, n, capacity);
        sentAfter = regrow(sentAfter, h, n, capacity);
        int[] l = new int[capacity];
        byte[] f = new byte[capacity];
        for (int k = 0; k < n; k++) {
            int to = (int) ((head + k) & (capacity - 1));
            l[to] = length[(h + k) & mask];
            f[to] = flags[(h + k) & mask];
        }
        length = l;
        flags = f;
        mask = capacity - 1;
    }

    /** A ring of {@code n} longs starting at index {@code h}, re-laid into a ring of {@code capacity}. */
    private long[] regrow(long[] old, int h, int n, int capacity) {
        long[] bigger = new long[capacity];
        for (int k = 0; k < n; k++) {
            bigger[(int) ((head + k) & (capacity - 1))] = old[(h + k) & mask];
        }
        return bigger;
    }

    @Override
    public String toString() {
        return "RetransmissionQueue[" + head + ", " + tail + "), " + bytesInFlight + " B in flight, " + sackedSegments
            + " SACKed, " + lostSegments + " lost, " + retransmittedSegments + " retransmitted";
    }
}
