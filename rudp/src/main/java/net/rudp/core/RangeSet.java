package net.rudp.core;

import java.util.Arrays;

/**
 * A set of stream offsets kept as sorted, disjoint, non-adjacent half-open ranges
 * {@code [start, end)}, with the number of offsets it covers: the receiver's out-of-order data
 * ({@link Reassembly}) and the offsets of the sender's SACKed segments ({@link RetransmissionQueue}).
 * Small and allocation-free once grown; an empty set that never held a range holds no arrays.
 */
final class RangeSet {
    private static final long[] NONE = {};
    private static final int INITIAL_RANGES = 8;

    private long[] starts = NONE;
    private long[] ends = NONE;
    private int count;
    private long covered;

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    long start(int i) {
        return starts[i];
    }

    long end(int i) {
        return ends[i];
    }

    /** How many offsets the set covers. */
    long covered() {
        return covered;
    }

    /** The highest offset covered, plus one; {@code Long.MIN_VALUE} when empty. */
    long highestEnd() {
        return count == 0 ? Long.MIN_VALUE : ends[count - 1];
    }

    /** Adds {@code [start, end)}, merging with neighbours; returns the number of offsets newly covered. */
    long add(long start, long end) {
        if (start >= end) return 0;
        // First range whose end reaches start (could merge), and last whose start is within end.
        int lo = firstEndingAtOrAfter(start);
        int hi = lo;
        long overlap = 0;
        long newStart = start;
        long newEnd = end;
        while (hi < count && starts[hi] <= end) {
            overlap += Math.min(ends[hi], end) - Math.max(starts[hi], start);
            newStart = Math.min(newStart, starts[hi]);
            newEnd = Math.max(newEnd, ends[hi]);
            hi++;
        }
        long added = (end - start) - Math.max(0, overlap);
        int merged = hi - lo;
        if (merged == 0) {
            grow();
            System.arraycopy(starts, lo, starts, lo + 1, count - lo);
            System.arraycopy(ends, lo, ends, lo + 1, count - lo);
            count++;
        } else if (merged > 1) {
            System.arraycopy(starts, hi, starts, lo + 1, count - hi);
            System.arraycopy(ends, hi, ends, lo + 1, count - hi);
            count -= merged - 1;
        }
        starts[lo] = newStart;
        ends[lo] = newEnd;
        covered += added;
        return added;
    }

    /** Whether adding {@code [start, end)} would merge with a range held instead of opening a new one. */
    boolean touches(long start, long end) {
        int i = firstEndingAtOrAfter(start);
        return i < count && starts[i] <= end;
    }

    /** The end of the range that contains {@code offset}; {@code offset} itself if none does. */
    long endOfRangeContaining(long offset) {
        int i = indexOfRangeContaining(offset);
        return i >= 0 ? ends[i] : offset;
    }

    /** The index of the range that contains {@code offset}, or -1 if none does. */
    int indexOfRangeContaining(long offset) {
        int i = firstEndingAtOrAfter(offset + 1);
        return i < count && starts[i] <= offset ? i : -1;
    }

    /** Removes every offset below {@code offset}. */
    void removeBelow(long offset) {
        int drop = 0;
        while (drop < count && ends[drop] <= offset) {
            covered -= ends[drop] - starts[drop];
            drop++;
        }
        if (drop > 0) {
            System.arraycopy(starts, drop, starts, 0, count - drop);
            System.arraycopy(ends, drop, ends, 0, count - drop);
            count -= drop;
        }
        if (count > 0 && starts[0] < offset) {
            covered -= offset - starts[0];
            starts[0] = offset;
        }
    }

    /** Index of the first range with {@code end >= offset} (a range ending exactly at offset is adjacent). */
    private int firstEndingAtOrAfter(long offset) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] < offset) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private void grow() {
        if (count == starts.length) {
            int capacity = Math.max(INITIAL_RANGES, count * 2);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ", ").append('[').append(starts[i]).append(", ").append(ends[i]).append(')');
        }
        return sb.append('}').toString();
    }
}
