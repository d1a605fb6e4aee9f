package net.rudp.demo.testbed;

import java.util.ArrayDeque;

/** A link that changes nothing: every packet is due the moment it is offered, in order. */
public final class PassThroughLink implements PacketLink {
    private record Queued(long dueNanos, byte[] packet, int length) {}

    private final ArrayDeque<Queued> queue = new ArrayDeque<>();

    @Override
    public void offer(long nowNanos, byte[] packet, int length) {
        queue.addLast(new Queued(nowNanos, packet, length));
    }

    @Override
    public long nextDeliveryNanos() {
        Queued head = queue.peekFirst();
        return head == null ? Long.MAX_VALUE : head.dueNanos();
    }

    @Override
    public void poll(long nowNanos, PacketConsumer out) {
        while (!queue.isEmpty() && queue.peekFirst().dueNanos() <= nowNanos) {
            Queued q = queue.removeFirst();
            out.accept(q.packet(), q.length());
        }
    }
}
