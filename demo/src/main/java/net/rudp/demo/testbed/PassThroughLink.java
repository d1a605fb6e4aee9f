package net.rudp.demo.testbed;

/** A link that changes nothing: every packet is due the moment it is offered, in order. */
public final class PassThroughLink implements PacketLink {
    private final InOrderQueue queue = new InOrderQueue();

    @Override
    public void offer(long nowNanos, byte[] packet, int length) {
        queue.add(nowNanos, packet, length);
    }

    @Override
    public long nextDeliveryNanos() {
        return queue.nextDueNanos();
    }

    @Override
    public void poll(long nowNanos, PacketConsumer out) {
        queue.releaseDue(nowNanos, out);
    }
}
