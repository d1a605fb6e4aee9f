package net.rudp.demo.testbed;

import java.util.ArrayDeque;

/**
 * Packets waiting in a link whose due times never decrease (a FIFO line): the building block of
 * links that do not reorder.
 */
final class InOrderQueue {
    private record Queued(long dueNanos, byte[] packet, int length) {}

    private final ArrayDeque<Queued> queue = new ArrayDeque<>();

    /** Queues a packet due at {@code dueNanos}, which is not before any packet already queued. */
    void add(long dueNanos, byte[] packet, int length) {
        Queued last = queue.peekLast();
        if (last != null && dueNanos < last.dueNanos()) {
            throw new IllegalArgumentException("an in-order queue cannot take a packet due before the one queued last");
        }
        queue.addLast(new Queued(dueNanos, packet, length));
    }

    /** The first packet's due time, or {@link Long#MAX_VALUE} if none is queued. */
    long nextDueNanos() {
        Queued head = queue.peekFirst();
        return head == null ? Long.MAX_VALUE : head.dueNanos();
    }

    /** Hands every packet due at or before {@code nowNanos} to {@code out}, in order. */
    void releaseDue(long nowNanos, PacketLink.PacketConsumer out) {
        while (!queue.isEmpty() && queue.peekFirst().dueNanos() <= nowNanos) {
            Queued q = queue.removeFirst();
            out.accept(q.packet(), q.length());
        }
    }
}
