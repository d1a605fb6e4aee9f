package net.rudp.core;

import java.util.Arrays;

/**
 * The endpoint's timer queue: connections ordered by their next deadline in an indexed binary
 * heap, so that re-arming a connection's timer is O(log n) and allocates nothing, however many
 * thousand connections share the endpoint. A connection with no deadline is not in the heap.
 */
final class DeadlineHeap {
    private Connection[] heap = new Connection[16];
    private int size;

    /** The earliest deadline, or {@code Long.MAX_VALUE} when the heap is empty. */
    long earliest() {
        return size == 0 ? Long.MAX_VALUE : heap[0].heapKey;
    }

    Connection peek() {
        return size == 0 ? null : heap[0];
    }

    /** Sets {@code c}'s deadline ({@code Long.MAX_VALUE}: none) and restores heap order. */
    void update(Connection c, long deadline) {
        if (deadline == Long.MAX_VALUE) {
            remove(c);
            return;
        }
        if (c.heapIndex < 0) {
            if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
            c.heapKey = deadline;
            c.heapIndex = size;
            heap[size++] = c;
            siftUp(c.heapIndex);
        } else {
            long old = c.heapKey;
            c.heapKey = deadline;
            if (deadline < old) siftUp(c.heapIndex); else siftDown(c.heapIndex);
        }
    }

    void remove(Connection c) {
        int i = c.heapIndex;
        if (i < 0) return;
        Connection last = heap[--size];
        heap[size] = null;
        c.heapIndex = -1;
        if (i < size) {
            heap[i] = last;
            last.heapIndex = i;
            siftDown(i);
            siftUp(last.heapIndex);
        }
    }

    private void siftUp(int i) {
        Connection c = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent].heapKey <= c.heapKey) break;
            heap[i] = heap[parent];
            heap[i].heapIndex = i;
            i = parent;
        }
        heap[i] = c;
        c.heapIndex = i;
    }

    private void siftDown(int i) {
        Connection c = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && heap[child + 1].heapKey < heap[child].heapKey) child++;
            if (heap[child].heapKey >= c.heapKey) break;
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = c;
        c.heapIndex = i;
    }
}
